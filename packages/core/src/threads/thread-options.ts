import { BackendError } from '../errors.js';
import { canBlockThread, type WorkerTeam } from './worker-team.js';

/**
 * Checks a backend's `threads` option (default 1) and says whether runs may block while workers compute:
 * always on one thread; with workers, wherever `Atomics.wait` is allowed (not a browser's main thread).
 */
export function resolveThreads(owner: string, threads = 1): { threads: number; blocking: boolean } {
  if (!Number.isInteger(threads) || threads < 1) {
    throw new BackendError(`${owner}: threads must be a whole number of at least 1, got ${threads}`);
  }
  return { threads, blocking: threads === 1 || canBlockThread() };
}

/**
 * Waits for each dispatch a run makes (undefined where a step ran on the calling thread alone) before the
 * next: blocking where the thread may block, else asynchronously, returning the Promise `Kernel.run` returns.
 */
export function awaitDispatches(
  dispatches: Iterable<WorkerTeam | undefined>,
  blocking: boolean,
): void | Promise<void> {
  if (blocking) {
    for (const team of dispatches) team?.finish();
    return;
  }
  return (async () => {
    for (const team of dispatches) await team?.finishAsync();
  })();
}
