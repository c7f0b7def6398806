import { BACKENDS, threadedBackendNames } from './backends.js';
import { UsageError } from './errors.js';

/** Reads a `--threads` value: a whole number of at least 1. */
export function parseThreadCount(value: string, command: string): number {
  const threads = Number(value);
  if (!Number.isInteger(threads) || threads < 1) {
    throw new UsageError(`--threads must be a whole number of at least 1, got "${value}"`, command);
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
