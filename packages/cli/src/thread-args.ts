import { BACKENDS } from './backends.js';
import { UsageError } from './errors.js';

/** Reads a `--threads` value: a whole number of at least 1. */
export function parseThreadCount(value: string, command: string): number {
  const threads = Number(value);
  if (!Number.isInteger(threads) || threads < 1) {
    throw new UsageError(`--threads must be a whole number of at least 1, got "${value}"`, command);
  }
  return threads;
}

/** Refuses threads > 1 for backends that have no threads option, naming those that do. */
export function checkThreadedBackends(backends: readonly string[], threads: number, command: string): void {
  if (threads === 1) return;
  const threaded = Object.keys(BACKENDS).filter((name) => BACKENDS[name]!.threaded);
  const refused = backends.filter((name) => !BACKENDS[name]!.threaded);
  if (refused.length > 0) {
    throw new UsageError(
      `--threads ${threads}: backend ${refused.map((n) => `"${n}"`).join(', ')} has no threads option; ` +
        `threads work on ${threaded.join(', ')}`,
      command,
    );
  }
}
