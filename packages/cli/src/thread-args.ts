import { BACKENDS, THREADED_BACKEND_NAMES } from './backends.js';
import { UsageError } from './errors.js';

/** Reads a `--threads` value: a whole number of at least 1. */
export function parseThreadCount(value: string, command: string): number {
  const threads = Number(value);
  if (!Number.isInteger(threads) || threads < 1) {
    throw new UsageError(`--threads must be a whole number of at least 1, got "${value}"`, command);
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
