import { type Backend, ELIFPopulation, WorkerError } from '@synapticflow/core';
import type { Kernel, KernelRequest, WorkerTeamOptions } from '@synapticflow/core/backend';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { jsBackend } from './index.js';
import { JsKernel } from './js-kernel.js';

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

const N = 1000;

/** A 2-thread population and the kernel under it. */
function threaded(blocking: boolean): { population: ELIFPopulation; kernel: () => Kernel } {
  let kernel: Kernel | undefined;
  const base = jsBackend();
  const backend: Backend = {
    ...base,
    synchronousRuns: blocking,
    createKernel: (request: KernelRequest) => {
      kernel = new JsKernel(request, { threads: 2, minUpdatesForThreads: 2 * N, blocking });
      return kernel;
    },
  };
  const population = new ELIFPopulation({ n: N, backend });
  return { population, kernel: () => kernel! };
}

/** 5 steps of N neurons go to the workers; 1 step stays on the calling thread (below minUpdatesForThreads). */
const RUN = { steps: 5, firstStep: 0, recordings: [] };
const SMALL_RUN = { ...RUN, steps: 1 };
const INPUT = { layout: 'scalar', perStep: false, data: new Float32Array([1]) } as const;

beforeEach(() => {
  fault.kind = 'none';
});

describe('a worker that fails mid-run', () => {
  for (const kind of ['throw', 'exit'] as const) {
    test(`(${kind}) fails run with a WorkerError; the kernel refuses runs until state is written`, () => {
      fault.kind = kind;
      const { population, kernel } = threaded(true);
      kernel().run({ ...RUN, input: INPUT }); // one dispatch, the workers' job 1: fine
      expect(() => population.run(10, { input: 2, spikes: false })).toThrow(WorkerError);
      expect(() => kernel().run({ ...RUN, input: INPUT })).toThrow(
        /an earlier run failed in a worker .* write every state variable again/,
      );
      expect(() => kernel().run({ ...SMALL_RUN, input: INPUT })).toThrow(WorkerError);
      for (const name of population.stateNames) kernel().writeState(name, new Float32Array(N));
      // Job 1 of fresh workers (after an exit) or job 3 of the same ones (after a throw): fine.
      kernel().run({ ...RUN, input: INPUT });
      population.dispose();
    }, 10_000);

    test(`(${kind}) rejects runAsync with a WorkerError`, async () => {
      fault.kind = kind;
      const { population, kernel } = threaded(false);
      await kernel().run({ ...RUN, input: INPUT });
      await expect(population.runAsync(10, { input: 2, spikes: false })).rejects.toThrow(WorkerError);
      expect(() => kernel().run({ ...RUN, input: INPUT })).toThrow(WorkerError);
      population.dispose();
    }, 10_000);
  }
});
