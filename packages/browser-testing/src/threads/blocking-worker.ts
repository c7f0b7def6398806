/**
 * A dedicated worker that creates a threaded population and runs it at once with `run`: a worker may block in
 * Atomics.wait, so there the backends report synchronous runs. It reports each stage, so the page can tell a
 * run that never returns from one that failed.
 */
import { ELIFPopulation } from '@synapticflow/core';
import type { ThreadedBackendName } from './page-api.js';
import { SUITE_BACKENDS } from './suite-case.js';

export type BlockingWorkerMessage =
  | { stage: 'created'; synchronousRuns: boolean | undefined; description: string }
  | { stage: 'ran' }
  | { stage: 'failed'; error: string };

interface WorkerScope {
  onmessage: ((event: MessageEvent<ThreadedBackendName>) => void) | null;
  postMessage(message: BlockingWorkerMessage): void;
}
const scope = globalThis as unknown as WorkerScope;

scope.onmessage = ({ data: name }) => {
  try {
    const backend = SUITE_BACKENDS[name]();
    const population = new ELIFPopulation({ n: 1000, backend });
    const description = population.kernelDescription;
    scope.postMessage({ stage: 'created', synchronousRuns: backend.synchronousRuns, description });
    population.run(20, { input: 2 });
    scope.postMessage({ stage: 'ran' });
    population.dispose();
  } catch (error) {
    scope.postMessage({ stage: 'failed', error: String((error as Error).stack ?? error) });
  }
};
