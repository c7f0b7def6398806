import { availableParallelism } from 'node:os';
import { BACKENDS, THREADED_BACKEND_NAMES } from './backends.js';
import { UsageError } from './errors.js';

/**
 * The most threads the CLI starts: every core, and at least 4 so a small machine can still check thread
 * agreement. Each thread is a worker with its own copy of the kernel (megabytes), and threads beyond the
 * cores only wait for each other.
 */
export function maxThreads(cores = availableParallelism()): number {
  return Math.max(4, cores);
}

/** Reads a `--threads` value: a whole number from 1 to `limit` (see maxThreads). */
export function parseThreadCount(value: string, command: string, limit = maxThreads()): number {
  const threads = Number(value);
  if (!Number.isInteger(threads) || threads < 1) {
    throw new UsageError(`--threads must be a whole number of at least 1, got "${value}"`, command);
  }
  if (threads > limit) {
    throw new UsageError(
      `--threads ${value} is more than this machine can use: at most ${limit} here ` +
        `(${availableParallelism()} cores; each thread is a worker with its own copy of the kernel)`,
      command,
    );
  }
  return threads;
}

/**
 * Reads a single `--threads` value (default 1) for the named backends, refusing threads > 1 for backends that
 * have no threads option and naming those that do.
 */
export function parseThreadsFlag(value: unknown, backends: readonly string[], command: string): number {
  const threads = value === undefined ? 1 : parseThreadCount(value as string, command);
  if (threads === 1) return threads;
  const refused = backends.filter((name) => !BACKENDS[name]!.threaded);
  if (refused.length > 0) {
    throw new UsageError(
      `--threads ${threads}: backend ${refused.map((n) => `"${n}"`).join(', ')} has no threads option; ` +
        `threads work on ${THREADED_BACKEND_NAMES.join(', ')}`,
      command,
    );
  }
  return threads;
}
