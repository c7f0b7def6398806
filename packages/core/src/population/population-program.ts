import type { ParameterValue } from '../backend.js';
import { ParameterError } from '../errors.js';
import { hasSpikeTraces } from '../model/features.js';
import type { ValidatedModel } from '../model/validate.js';
import {
  buildProgram,
  DEFAULT_REFRACTORY_MODE,
  REFRACTORY_MODES,
  type RefractoryMode,
} from '../program/build.js';
import {
  DEFAULT_INTEGRATOR,
  INTEGRATOR_NAMES,
  INTEGRATORS,
  type Integrator,
} from '../program/integrators.js';
import type { StepProgram } from '../program/program.js';
import { type ParameterInput, resolveParameters, spikeTraceParameters } from './parameters.js';

/** The options that shape a population's step program, shared by `Population` and network populations. */
export interface ProgramChoices {
  refractory?: RefractoryMode;
  integrator?: string;
  /** Model parameters: a number, one number per neuron, or null where the parameter is nullable. */
  params?: Readonly<Record<string, ParameterInput | undefined>>;
  /** Spike traces (default: on where the model has a threshold, as in the seed). */
  spikeTrace?: boolean;
  additiveSpikeTrace?: boolean;
  traceTau?: number | ArrayLike<number>;
  traceScale?: number | ArrayLike<number>;
  /** Keep a running sum of the input in the `summedInput` state. */
  sumInput?: boolean;
}

export interface PopulationProgram {
  refractoryMode: RefractoryMode;
  integratorName: string;
  integrator: Integrator;
  parameterValues: Map<string, ParameterValue | null>;
  program: StepProgram;
}

/** Checks the program options and parameter values of `n` neurons of `model` and builds the step program. */
export function resolvePopulationProgram(
  model: ValidatedModel,
  n: number,
  dt: number,
  options: ProgramChoices,
  context: { spikesWhileRefractory?: boolean } = {},
): PopulationProgram {
  const refractoryMode = options.refractory ?? DEFAULT_REFRACTORY_MODE;
  if (!REFRACTORY_MODES.includes(refractoryMode)) {
    throw new ParameterError(
      `refractory must be ${REFRACTORY_MODES.map((m) => `"${m}"`).join(' or ')}, got ${JSON.stringify(refractoryMode)}`,
    );
  }
  const integratorName = options.integrator ?? DEFAULT_INTEGRATOR;
  const integrator =
    typeof integratorName === 'string' && Object.hasOwn(INTEGRATORS, integratorName)
      ? INTEGRATORS[integratorName]
      : undefined;
  if (!integrator) {
    throw new ParameterError(
      `unknown integrator ${JSON.stringify(options.integrator)} (available: ${INTEGRATOR_NAMES.join(', ')})`,
    );
  }
  const spikes = hasSpikeTraces(model);
  const traces = (options.spikeTrace ?? spikes) && spikes;
  if (options.spikeTrace && !spikes) {
    throw new ParameterError(`spikeTrace needs a model with a threshold; "${model.name}" never spikes`);
  }

  // Trace parameters are checked even while traces are off, so a typo never passes silently.
  const extra = spikeTraceParameters(model);
  for (const name of Object.keys(extra)) {
    if (model.parameters.has(name))
      throw new ParameterError(`model "${model.name}" defines "${name}", which spike traces also use`);
  }
  const given: Record<string, ParameterInput | undefined> = { ...options.params };
  if (options.traceTau !== undefined) given.traceTau = options.traceTau;
  if (options.traceScale !== undefined) given.traceScale = options.traceScale;
  const parameterValues = resolveParameters(model, extra, given, n);
  const nullParameters = new Set([...parameterValues].filter(([, v]) => v === null).map(([k]) => k));

  const program = buildProgram(model, {
    dt,
    refractory: refractoryMode,
    integrator,
    traces: { enabled: traces, additive: options.additiveSpikeTrace ?? false },
    sumInput: options.sumInput ?? false,
    nullParameters,
    spikesWhileRefractory: context.spikesWhileRefractory,
  });
  return { refractoryMode, integratorName, integrator, parameterValues, program };
}
