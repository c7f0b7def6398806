import { type Backend, ELIFPopulation, WorkerError } from '@synapticflow/core';
import type { Kernel, KernelRequest } from '@synapticflow/core/backend';
import { checkThrows, SuiteFailure } from './assert.js';

/** A fault that a mocked `WorkerTeam` builds into its workers: on their `onJob`-th job, throw or exit. */
export interface InjectedWorkerFault {
  kind: 'none' | 'throw' | 'exit';
  onJob: number;
}

/** How a threaded kernel is made, as the backend's own kernel class takes it. */
export interface ThreadOptions {
  threads: number;
  minUpdatesForThreads: number;
  /** Whether runs block the calling thread (false: they return Promises). */
  blocking: boolean;
}

/** A backend with threads, set up for the worker-failure tests. */
export interface WorkerFailureTarget {
  label: string;
  /** A fresh backend in this configuration. */
  createBackend(): Backend;
  /** The backend's kernel with these thread options. */
  createKernel(request: KernelRequest, threads: ThreadOptions): Kernel;
  /**
   * The fault the next worker team injects, read by the test file's `vi.mock` of `@synapticflow/core/backend`
   * (a mock must live in the test file); each test sets it and clears it when done.
   */
  fault: InjectedWorkerFault;
}

/** A test runner whose `test` takes a timeout, as vitest's and jest's do. */
export interface TimedRunner {
  /** Groups the tests `body` declares under `name`. */
  describe(name: string, body: () => void): void;
  /** Declares one test with an optional timeout in milliseconds. */
  test(name: string, body: () => Promise<void>, timeout?: number): void;
}

/**
 * The source of a worker job handler that runs `handler` but throws or exits on the fault's job, so the fault
 * happens inside the worker, as a real one would. A test's mocked `WorkerTeam` passes its handler through it.
 */
export function faultyHandler(handler: string, fault: InjectedWorkerFault): string {
  const action = { none: '', throw: "throw new Error('injected fault');", exit: 'process.exit(7);' }[
    fault.kind
  ];
  return `(init) => {
    const handle = (${handler})(init);
    let jobs = 0;
    return (job) => {
      if (++jobs === ${fault.onJob}) { ${action} }
      handle(job);
    };
  }`;
}

const N = 1000;
/** 5 steps of N neurons go to the workers; 1 step stays on the calling thread (below minUpdatesForThreads). */
const RUN = { steps: 5, firstStep: 0, recordings: [] };
const SMALL_RUN = { ...RUN, steps: 1 };
const INPUT = { layout: 'scalar', perStep: false, data: new Float32Array([1]) } as const;
const TIMEOUT_MS = 10_000;

/**
 * Registers the tests of a threaded kernel whose worker throws or exits mid-run: the run fails with a
 * WorkerError, and the kernel refuses to run on state a failed run left half-written until every state
 * variable is written again.
 */
export function describeWorkerFailures(runner: TimedRunner, target: WorkerFailureTarget): void {
  /** A 2-thread population and the kernel under it. */
  function threaded(blocking: boolean): { population: ELIFPopulation; kernel: () => Kernel } {
    let kernel: Kernel | undefined;
    const base = target.createBackend();
    const backend: Backend = {
      ...base,
      synchronousRuns: blocking,
      createKernel: (request: KernelRequest) => {
        kernel = target.createKernel(request, { threads: 2, minUpdatesForThreads: 2 * N, blocking });
        return kernel;
      },
    };
    return { population: new ELIFPopulation({ n: N, backend }), kernel: () => kernel! };
  }

  async function withFault(kind: InjectedWorkerFault['kind'], body: () => Promise<void>): Promise<void> {
    target.fault.kind = kind;
    try {
      await body();
    } finally {
      target.fault.kind = 'none';
    }
  }

  runner.describe(`a worker that fails mid-run (${target.label})`, () => {
    for (const kind of ['throw', 'exit'] as const) {
      runner.test(
        `(${kind}) fails run with a WorkerError; the kernel refuses runs until state is written`,
        () =>
          withFault(kind, async () => {
            const { population, kernel } = threaded(true);
            try {
              kernel().run({ ...RUN, input: INPUT }); // one dispatch, the workers' job 1: fine
              checkThrows(() => population.run(10, { input: 2, spikes: false }), WorkerError, [], 'the run');
              checkThrows(
                () => kernel().run({ ...RUN, input: INPUT }),
                Error,
                ['an earlier run failed in a worker', 'write every state variable again'],
                'a threaded run after the failure',
              );
              checkThrows(
                () => kernel().run({ ...SMALL_RUN, input: INPUT }),
                WorkerError,
                [],
                'a run on the calling thread after the failure',
              );
              for (const name of population.stateNames) kernel().writeState(name, new Float32Array(N));
              // Job 1 of fresh workers (after an exit) or job 3 of the same ones (after a throw): fine.
              kernel().run({ ...RUN, input: INPUT });
            } finally {
              population.dispose();
            }
          }),
        TIMEOUT_MS,
      );

      runner.test(
        `(${kind}) rejects runAsync with a WorkerError`,
        () =>
          withFault(kind, async () => {
            const { population, kernel } = threaded(false);
            try {
              await kernel().run({ ...RUN, input: INPUT });
              const error = await population.runAsync(10, { input: 2, spikes: false }).then(
                () => {
                  throw new SuiteFailure('runAsync resolved although a worker failed');
                },
                (reason: unknown) => reason,
              );
              if (!(error instanceof WorkerError))
                throw new SuiteFailure(`runAsync: expected a WorkerError, got ${String(error)}`);
              checkThrows(() => kernel().run({ ...RUN, input: INPUT }), WorkerError, [], 'a run after it');
            } finally {
              population.dispose();
            }
          }),
        TIMEOUT_MS,
      );
    }
  });
}
