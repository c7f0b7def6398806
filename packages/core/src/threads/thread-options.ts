import { BackendError } from '../errors.js';
import { canBlockThread, type WorkerTeam } from './worker-team.js';

/**
 * The most threads a backend accepts: each worker costs an engine instance of several megabytes (about 9 MB
 * in Node), and threads beyond the cores only take turns, so 4 per logical core leaves room for
 * oversubscription experiments while refusing typos such as 200 or 1e6; never fewer than 16 or more than 256.
 */
export function maxThreads(cores = logicalCores()): number {
  return Math.min(256, Math.max(16, 4 * cores));
}

/**
 * Checks a backend's `threads` option (default 1) and says whether runs may block while workers compute:
 * always on one thread; with workers, wherever `Atomics.wait` is allowed (not a browser's main thread).
 */
export function resolveThreads(owner: string, threads = 1): { threads: number; blocking: boolean } {
  if (!Number.isInteger(threads) || threads < 1) {
    throw new BackendError(`${owner}: threads must be a whole number of at least 1, got ${threads}`);
  }
  const cap = maxThreads();
  if (threads > cap) {
    throw new BackendError(
      `${owner}: threads ${threads} is more than this machine's cap of ${cap} ` +
        `(4 per logical core, ${logicalCores()} here, at least 16); each worker costs megabytes of memory ` +
        'and threads beyond the cores only take turns; use at most the number of cores',
    );
  }
  return { threads, blocking: threads === 1 || canBlockThread() };
}

/** Logical cores as the runtime reports them (`navigator.hardwareConcurrency`, Node 21+ too), else Node's os. */
function logicalCores(): number {
  const host = globalThis as unknown as {
    navigator?: { hardwareConcurrency?: number };
    process?: { getBuiltinModule?: (id: string) => unknown };
  };
  const reported = host.navigator?.hardwareConcurrency;
  if (typeof reported === 'number' && reported > 0) return reported;
  const os = host.process?.getBuiltinModule?.('node:os') as
    | { availableParallelism?: () => number }
    | undefined;
  return os?.availableParallelism?.() ?? 1;
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
