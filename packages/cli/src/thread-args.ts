import { availableParallelism } from 'node:os';
import { BACKENDS, threadedBackendNames } from './backends.js';
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

/** Reads a single `--threads` value (default 1). */
export function parseThreadsFlag(value: unknown, command: string): number {
  return value === undefined ? 1 : parseThreadCount(value as string, command);
}

/**
 * Refuses threads > 1 for backends that do not declare `supportsThreads`, naming those that do. Asynchronous
 * because it imports the backends' packages, which the CLI loads only on demand.
 */
export async function requireThreadsSupport(
  threads: number,
  backends: readonly string[],
  command: string,
): Promise<void> {
  if (threads === 1) return;
  const refused: string[] = [];
  for (const name of backends) if (!(await BACKENDS[name]!.supportsThreads())) refused.push(name);
  if (refused.length > 0) {
    throw new UsageError(
      `--threads ${threads}: backend ${refused.map((n) => `"${n}"`).join(', ')} has no threads option; ` +
        `threads work on ${(await threadedBackendNames()).join(', ')}`,
      command,
    );
  }
}
