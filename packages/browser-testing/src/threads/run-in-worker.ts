import type { BlockingWorkerMessage } from './blocking-worker.js';
import type { ThreadedBackendName, WorkerRun } from './page-api.js';

/**
 * Starts blocking-worker.js, asks it to create and run a threaded population, and ends it (with the Web
 * Workers it started) once it has run or `timeoutMs` after it created the population.
 */
export function runInWorker(backend: ThreadedBackendName, timeoutMs: number): Promise<WorkerRun> {
  const worker = new Worker('/blocking-worker.js', { type: 'module' });
  return new Promise<WorkerRun>((resolve, reject) => {
    let created: WorkerRun | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const end = (outcome: WorkerRun | Error) => {
      clearTimeout(timer);
      worker.terminate();
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    worker.onerror = (event) => end(new Error(`the worker failed to start: ${event.message}`));
    worker.onmessage = ({ data }: MessageEvent<BlockingWorkerMessage>) => {
      if (data.stage === 'failed') end(new Error(`the worker threw: ${data.error}`));
      else if (data.stage === 'ran') end({ ...created!, finished: true });
      else {
        created = { synchronousRuns: data.synchronousRuns, description: data.description, finished: false };
        timer = setTimeout(() => end(created!), timeoutMs);
      }
    };
    worker.postMessage(backend);
  });
}
