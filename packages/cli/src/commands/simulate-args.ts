import { DTYPES, type Dtype } from '@synapticflow/core';
import { type FlagSpec, parseArgs } from '../args.js';
import { BACKEND_NAMES } from '../backends.js';
import { UsageError } from '../errors.js';
import type { ScenarioOverrides } from '../scenario/apply-overrides.js';
import { INTEGRATOR_NAMES, type IntegratorName, type RecordedVariable } from '../scenario/scenario.js';
import { parseThreadsFlag } from '../thread-args.js';
import { parseKinds } from './plot-args.js';
import { type PlotFormat, plotFormatOf } from './plot-output.js';

const COMMAND = 'simulate';

const SIMULATE_FLAGS: FlagSpec = {
  backend: { type: 'string' },
  'backend-module': { type: 'string' },
  threads: { type: 'string' },
  dtype: { type: 'string' },
  model: { type: 'string' },
  integrator: { type: 'string' },
  out: { type: 'string' },
  record: { type: 'string' },
  'v-stride': { type: 'string' },
  plot: { type: 'string' },
  'plot-kind': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

export interface SimulateArgs {
  help: boolean;
  scenarioPath: string;
  backend: string;
  /** `--backend-module FILE`: a module exporting a backend of the user's own, run instead of `backend`. */
  backendModule: string | undefined;
  /** Threads for backends that split neurons over threads (js, wasm). */
  threads: number;
  /** `--model FILE.json` or `--model NAME`: a model spec file or library model that replaces the scenario's (read by the command). */
  modelPath: string | undefined;
  out: string | undefined;
  /** `--plot FILE` with its format and `--plot-kind` (undefined: the defaults for the format). */
  plot: { path: string; format: PlotFormat; kinds: string[] | undefined } | undefined;
  overrides: ScenarioOverrides;
}

/** Reads `simulate`'s flags and checks their values, so command-line mistakes exit with code 2. */
export function parseSimulateArgs(argv: readonly string[]): SimulateArgs {
  const { flags, positionals } = parseArgs(argv, SIMULATE_FLAGS, COMMAND);
  const help = flags.help === true;
  if (!help && positionals.length !== 1) {
    const given = positionals.length === 0 ? 'none' : positionals.map((p) => `"${p}"`).join(', ');
    throw new UsageError(`expected one scenario file, got ${given}`, COMMAND);
  }
  const backend = (flags.backend as string | undefined) ?? 'js';
  if (!BACKEND_NAMES.includes(backend)) {
    throw new UsageError(
      `unknown backend "${backend}" for --backend; available: ${BACKEND_NAMES.join(', ')}`,
      COMMAND,
    );
  }
  const backendModule = flags['backend-module'] as string | undefined;
  if (backendModule !== undefined && (flags.backend !== undefined || flags.threads !== undefined)) {
    throw new UsageError(
      '--backend-module runs the backend the module exports; leave out --backend and --threads (a backend of your own takes its options in the module)',
      COMMAND,
    );
  }
  const threads = parseThreadsFlag(flags.threads, COMMAND);
  const plot = parsePlotFlags(flags.plot as string | undefined, flags['plot-kind'] as string | undefined);
  return {
    help,
    scenarioPath: positionals[0] ?? '',
    backend,
    backendModule,
    threads,
    modelPath: flags.model as string | undefined,
    out: flags.out as string | undefined,
    plot,
    overrides: {
      dtype: flags.dtype === undefined ? undefined : parseDtype(flags.dtype as string),
      integrator: flags.integrator === undefined ? undefined : parseIntegrator(flags.integrator as string),
      record: flags.record === undefined ? undefined : parseRecord(flags.record as string),
      vStride: flags['v-stride'] === undefined ? undefined : parseStride(flags['v-stride'] as string),
    },
  };
}

function parsePlotFlags(path: string | undefined, kindList: string | undefined): SimulateArgs['plot'] {
  if (path === undefined) {
    if (kindList !== undefined) throw new UsageError('--plot-kind needs --plot FILE', COMMAND);
    return undefined;
  }
  const format = plotFormatOf(path, '--plot', COMMAND);
  const kinds = kindList === undefined ? undefined : parseKinds(kindList, '--plot-kind', COMMAND);
  if (format === 'svg' && kinds !== undefined && kinds.length > 1) {
    throw new UsageError(
      `an SVG holds one chart, but --plot-kind names ${kinds.length}; plot to an .html file`,
      COMMAND,
    );
  }
  return { path, format, kinds };
}

function parseDtype(value: string): Dtype {
  if (!DTYPES.includes(value as Dtype))
    throw new UsageError(`--dtype must be ${DTYPES.join(' or ')}, got "${value}"`, COMMAND);
  return value as Dtype;
}

function parseIntegrator(value: string): IntegratorName {
  if (!INTEGRATOR_NAMES.includes(value as IntegratorName)) {
    throw new UsageError(
      `--integrator must be one of ${INTEGRATOR_NAMES.join(', ')}, got "${value}"`,
      COMMAND,
    );
  }
  return value as IntegratorName;
}

/** A state variable's name as a model spec allows it. */
const STATE_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

/**
 * "v,w,traces" -> ["v", "w", "traces"]; an empty value records nothing. Whether the model has that state is
 * checked with the scenario, since it depends on the model.
 */
function parseRecord(value: string): RecordedVariable[] {
  const names = value
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  for (const name of names) {
    if (!STATE_NAME.test(name)) {
      throw new UsageError(
        `--record takes a comma-separated list of state variables (e.g. v,traces); got "${name}"`,
        COMMAND,
      );
    }
  }
  return [...new Set(names)];
}

function parseStride(value: string): number {
  const stride = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(stride) || stride < 1) {
    throw new UsageError(`--v-stride must be a positive integer, got "${value}"`, COMMAND);
  }
  return stride;
}
