import { describeWorkerFailures } from '@synapticflow/conformance';
import type { WorkerTeamOptions } from '@synapticflow/core/backend';
import { describe, test, vi } from 'vitest';
import { wasmBackend } from './index.js';
import { WasmKernel } from './wasm-kernel.js';

/** The fault the next worker team's workers inject: on their `onJob`-th job, throw or exit the worker. */
const fault = vi.hoisted(() => ({ kind: 'none' as 'none' | 'throw' | 'exit', onJob: 2 }));

// Worker teams whose workers carry the fault: the job handler is wrapped in its source, so the fault
// happens inside the worker, as a real one would.
vi.mock('@synapticflow/core/backend', async (importOriginal) => {
  const core = await importOriginal<typeof import('@synapticflow/core/backend')>();
  class FaultyTeam extends core.WorkerTeam {
    constructor(options: WorkerTeamOptions) {
      const action = { none: '', throw: "throw new Error('injected fault');", exit: 'process.exit(7);' }[
        fault.kind
      ];
      const handler = `(init) => {
        const handle = (${options.handler})(init);
        let jobs = 0;
        return (job) => {
          if (++jobs === ${fault.onJob}) { ${action} }
          handle(job);
        };
      }`;
      super({ ...options, handler });
    }
  }
  return { ...core, WorkerTeam: FaultyTeam };
});

describeWorkerFailures(
  { describe, test },
  {
    label: 'wasm',
    createBackend: () => wasmBackend(),
    createKernel: (request, threads) => new WasmKernel(request, {}, threads),
    fault,
  },
);
