import { describeWorkerFailures, faultyHandler } from '@synapticflow/conformance';
import type { WorkerTeamOptions } from '@synapticflow/core/backend';
import { describe, test, vi } from 'vitest';
import { wasmBackend } from './index.js';
import { WasmKernel } from './wasm-kernel.js';

/** The fault the next worker team's workers inject: on their `onJob`-th job, throw or exit the worker. */
const fault = vi.hoisted(() => ({ kind: 'none' as 'none' | 'throw' | 'exit', onJob: 2 }));

// Worker teams whose workers carry the fault (a mock must live in the test file).
vi.mock('@synapticflow/core/backend', async (importOriginal) => {
  const core = await importOriginal<typeof import('@synapticflow/core/backend')>();
  class FaultyTeam extends core.WorkerTeam {
    constructor(options: WorkerTeamOptions) {
      super({ ...options, handler: faultyHandler(options.handler, fault) });
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
