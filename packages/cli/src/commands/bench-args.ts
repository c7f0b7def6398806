import { availableParallelism } from 'node:os';
import { DTYPES, type Dtype } from '@synapticflow/core';
import { type FlagSpec, parseArgs } from '../args.js';
import { BACKEND_NAMES } from '../backends.js';
import { UsageError } from '../errors.js';
import { parseThreadCount } from '../thread-args.js';

const COMMAND = 'bench';

const BENCH_FLAGS: FlagSpec = {
  backends: { type: 'string' },
  threads: { type: 'string' },
  sizes: { type: 'string' },
  reps: { type: 'string' },
  updates: { type: 'string' },
  json: { type: 'string' },
  brian2: { type: 'string' },
  'brian2-sizes': { type: 'string' },
  'brian2-dtypes': { type: 'string' },
  'brian2-timeout': { type: 'string' },
  network: { type: 'string' },
  duration: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

export interface BenchArgs {
  help: boolean;
  backends: string[];
  /** Thread counts to measure the backends that have threads with (others run once, on one thread). */
  threads: number[];
  sizes: number[];
  reps: number;
  updates: number;
  json: string | undefined;
  /** "auto" (when python3-brian is installed), "on" (required) or "off". */
  brian2: 'auto' | 'on' | 'off';
  /** Sizes Brian2 runs at (default: every size). */
  brian2Sizes: number[];
  /** Dtypes Brian2 runs in (default float32). */
  brian2Dtypes: Dtype[];
  /** Seconds one Brian2 run (compilation and every repetition) may take before it is stopped. */
  brian2TimeoutSeconds: number;
  /** `--network NAME`: benchmark a network instead of single populations. */
  network: NetworkBenchSpec | undefined;
}

/** A network to benchmark: CUBA at some size, for `duration` ms of biological time. */
export interface NetworkBenchSpec {
  name: NetworkBenchName;
  n: number;
  probability: number;
  duration: number;
}

/**
 * The networks `--network` knows: CUBA as Brette et al. (2007) ran it (4,000 neurons, p = 0.02, about 320,000
 * synapses), and a scale point of 100,000 neurons with 10 million synapses (p = 0.001).
 */
export const NETWORK_BENCHES = {
  cuba: { n: 4000, probability: 0.02 },
  'cuba-scale': { n: 100_000, probability: 0.001 },
} as const;
export type NetworkBenchName = keyof typeof NETWORK_BENCHES;

/** Backends that run networks. */
export const NETWORK_BACKENDS: readonly string[] = ['js', 'wasm'];

/** Flags that size the single-population benchmark, meaningless with --network. */
const POPULATION_ONLY_FLAGS = ['sizes', 'updates', 'brian2-sizes', 'brian2-dtypes'] as const;

const list = (value: string) =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** Reads `bench`'s flags; a command-line mistake exits with code 2. */
export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const { flags, positionals } = parseArgs(argv, BENCH_FLAGS, COMMAND);
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`, COMMAND);
  const network = parseNetwork(flags);
  const defaultBackends = network === undefined ? BACKEND_NAMES : NETWORK_BACKENDS;
  const backends = list((flags.backends as string | undefined) ?? defaultBackends.join(','));
  for (const name of backends) {
    if (!BACKEND_NAMES.includes(name)) {
      throw new UsageError(
        `unknown backend "${name}" in --backends; available: ${BACKEND_NAMES.join(', ')}`,
        COMMAND,
      );
    }
    if (network !== undefined && !NETWORK_BACKENDS.includes(name)) {
      throw new UsageError(
        `backend "${name}" in --backends does not run networks; use ${NETWORK_BACKENDS.join(' or ')}`,
        COMMAND,
      );
    }
  }
  const sizes = parseSizes((flags.sizes as string | undefined) ?? '10,1e3,1e5,1e6', '--sizes');
  const brian2Sizes =
    flags['brian2-sizes'] === undefined
      ? sizes
      : parseSizes(flags['brian2-sizes'] as string, '--brian2-sizes');
  const brian2Dtypes = list((flags['brian2-dtypes'] as string | undefined) ?? 'float32').map((dtype) => {
    if (!DTYPES.includes(dtype as Dtype)) {
      throw new UsageError(
        `invalid dtype "${dtype}" in --brian2-dtypes; expected ${DTYPES.join(' or ')}`,
        COMMAND,
      );
    }
    return dtype as Dtype;
  });
  const brian2 = (flags.brian2 as string | undefined) ?? 'auto';
  if (brian2 !== 'auto' && brian2 !== 'on' && brian2 !== 'off') {
    throw new UsageError(`invalid value "${brian2}" for --brian2; expected auto, on or off`, COMMAND);
  }
  const threads = [
    ...new Set(
      list((flags.threads as string | undefined) ?? defaultThreads()).map((t) =>
        parseThreadCount(t, COMMAND),
      ),
    ),
  ];
  return {
    help: flags.help === true,
    backends,
    threads,
    sizes,
    reps: positiveInteger(flags.reps, '--reps', network === undefined ? 5 : 3, MAX_REPS),
    updates: positiveInteger(flags.updates, '--updates', 2e7, MAX_UPDATES),
    json: flags.json as string | undefined,
    brian2,
    brian2Sizes,
    brian2Dtypes: [...new Set(brian2Dtypes)],
    brian2TimeoutSeconds: positiveInteger(flags['brian2-timeout'], '--brian2-timeout', 900, 86_400),
    network,
  };
}

function parseNetwork(flags: Record<string, unknown>): NetworkBenchSpec | undefined {
  const name = flags.network as string | undefined;
  if (name === undefined) {
    if (flags.duration !== undefined)
      throw new UsageError('--duration sets how long a network runs; use it with --network', COMMAND);
    return undefined;
  }
  if (!Object.hasOwn(NETWORK_BENCHES, name)) {
    throw new UsageError(
      `unknown network "${name}" for --network; available: ${Object.keys(NETWORK_BENCHES).join(', ')}`,
      COMMAND,
    );
  }
  for (const flag of POPULATION_ONLY_FLAGS) {
    if (flags[flag] !== undefined) {
      throw new UsageError(
        `--${flag} sizes the single-population benchmark; leave it out with --network (the network sets its size)`,
        COMMAND,
      );
    }
  }
  const duration = flags.duration === undefined ? 1000 : Number(flags.duration);
  if (!(duration > 0) || !Number.isFinite(duration) || duration > MAX_NETWORK_DURATION) {
    throw new UsageError(
      `invalid value "${String(flags.duration)}" for --duration; expected milliseconds > 0, at most ${MAX_NETWORK_DURATION}`,
      COMMAND,
    );
  }
  return { name: name as NetworkBenchName, ...NETWORK_BENCHES[name as NetworkBenchName], duration };
}

/** Biological time a network bench may run, in ms: an hour of it would take hours. */
export const MAX_NETWORK_DURATION = 100_000;

/** 1e9 updates is seconds per repetition at the fastest rates measured and minutes at the slowest. */
export const MAX_UPDATES = 1e9;
export const MAX_REPS = 100;
/** Neurons per population: 1e8 float64 ELIF neurons already hold gigabytes. */
export const MAX_SIZE = 1e8;

function parseSizes(value: string, flag: string): number[] {
  return list(value).map((s) => {
    const n = Number(s);
    if (!Number.isInteger(n) || n < 1)
      throw new UsageError(`invalid size "${s}" in ${flag}; expected positive integers like 1e3`, COMMAND);
    if (n > MAX_SIZE) throw new UsageError(`size ${s} in ${flag} is too large: at most 1e8 neurons`, COMMAND);
    return n;
  });
}

function positiveInteger(value: unknown, flag: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1)
    throw new UsageError(`invalid value "${value}" for ${flag}; expected a positive integer`, COMMAND);
  if (parsed > max) {
    throw new UsageError(
      `${flag} ${value} is too many: at most ${max >= 1e6 ? max.toExponential().replace('e+', 'e') : max} (a run this long would not finish in reasonable time)`,
      COMMAND,
    );
  }
  return parsed;
}

/** One thread, and every core where there are several. */
function defaultThreads(): string {
  const cores = availableParallelism();
  return cores > 1 ? `1,${cores}` : '1';
}
