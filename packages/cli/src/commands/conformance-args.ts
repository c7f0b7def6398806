import { type FlagSpec, parseArgs } from '../args.js';
import { BACKEND_NAMES } from '../backends.js';
import { UsageError } from '../errors.js';
import { parseThreadsFlag } from '../thread-args.js';

const COMMAND = 'conformance';

const CONFORMANCE_FLAGS: FlagSpec = {
  backends: { type: 'string' },
  threads: { type: 'string' },
  model: { type: 'string' },
  'backend-module': { type: 'string' },
  json: { type: 'string' },
  checks: { type: 'string' },
  seed: { type: 'string' },
  effort: { type: 'string' },
  'input-range': { type: 'string' },
  'allowed-ulps': { type: 'string' },
  span: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

export interface ConformanceArgs {
  help: boolean;
  backends: string[];
  /** Threads for the built-in backends that have them. */
  threads: number;
  modelFiles: string[];
  backendModules: string[];
  json: string | undefined;
  checks: string[] | undefined;
  seed: number | undefined;
  effort: number | undefined;
  /** Inputs for the robustness check, in place of each model's own inputRange. */
  inputRange: { min: number; max: number } | undefined;
  /** A looser one-step bound (ulps) accepted as POOR instead of FAIL. */
  allowedUlps: number | undefined;
  /** Neurons per row the checks widen a population to (off: their own sizes); see docs/conformance.md. */
  span: number | false | undefined;
}

const list = (value: unknown): string[] =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [];

/** Reads `conformance`'s flags; a command-line mistake exits with code 2. */
export function parseConformanceArgs(argv: readonly string[]): ConformanceArgs {
  const { flags, positionals } = parseArgs(argv, CONFORMANCE_FLAGS, COMMAND);
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`, COMMAND);
  const backendModules = list(flags['backend-module']);
  const backends =
    flags.backends === undefined && backendModules.length > 0 ? [] : list(flags.backends ?? 'js');
  for (const name of backends) {
    if (!BACKEND_NAMES.includes(name)) {
      throw new UsageError(
        `unknown backend "${name}" in --backends; available: ${BACKEND_NAMES.join(', ')}`,
        COMMAND,
      );
    }
  }
  const threads = parseThreadsFlag(flags.threads, COMMAND);
  return {
    help: flags.help === true,
    backends,
    threads,
    modelFiles: list(flags.model),
    backendModules,
    json: flags.json as string | undefined,
    checks: flags.checks === undefined ? undefined : list(flags.checks),
    seed: number(flags.seed, '--seed', (x) => Number.isInteger(x)),
    effort: number(flags.effort, '--effort', (x) => x > 0 && x <= 10),
    inputRange: inputRange(flags['input-range']),
    allowedUlps: number(flags['allowed-ulps'], '--allowed-ulps', (x) => x > 0),
    span: flags.span === 'off' ? false : number(flags.span, '--span', (x) => Number.isInteger(x) && x >= 1),
  };
}

/** `--input-range MIN,MAX`: two finite numbers, MIN below MAX. */
function inputRange(value: unknown): { min: number; max: number } | undefined {
  if (value === undefined) return undefined;
  const parts = String(value).split(',').map(Number);
  const [min, max] = parts;
  if (parts.length !== 2 || !Number.isFinite(min) || !Number.isFinite(max) || !(min! < max!))
    throw new UsageError(
      `invalid value "${value}" for --input-range (expected MIN,MAX with MIN < MAX)`,
      COMMAND,
    );
  return { min: min!, max: max! };
}

function number(value: unknown, flag: string, valid: (x: number) => boolean): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || !valid(parsed))
    throw new UsageError(`invalid value "${value}" for ${flag}`, COMMAND);
  return parsed;
}
