import type { Dtype } from '../../backend.js';
import { InputError } from '../../errors.js';
import type { ModelSpec } from '../../model/spec.js';
import { isValidatedModel, type ValidatedModel, validateModel } from '../../model/validate.js';
import { broadcastInitial, initialValueOf, resolveInitialState } from '../../population/initial-state.js';
import { finiteIn } from '../../population/input.js';
import { checkPopulationMemory, populationBytes } from '../../population/memory.js';
import { overflowWarnings } from '../../population/overflow-warnings.js';
import { programParameters } from '../../population/parameters.js';
import { type ProgramChoices, resolvePopulationProgram } from '../../population/population-program.js';
import { splitAtSpikes } from '../../program/split-at-spikes.js';
import { stageRangeWarnings } from '../../program/stage-range-warnings.js';
import type { PlanPopulation } from '../kernel/contract.js';
import { checkGroupSize } from './group-size.js';
import type { MemoryBudget } from './memory-budget.js';
import { drawInitial, isRandomInit, type RandomInit } from './random-init.js';

/** An initial value in a network: one number, n or batchSize*n values, or a random draw per neuron and row. */
export type NetworkInitialValue = number | ArrayLike<number> | RandomInit;

/**
 * A network population takes a Population's options, less those the network sets for all its groups
 * (backend, dt, dtype, batchSize, memoryLimitBytes), plus a name and a constant input current.
 */
export interface NetworkPopulationOptions extends ProgramChoices {
  // ProgramChoices.spikeTrace: off unless asked for in a network (a Population follows the seed: on).
  /** Number of neurons per batch row. */
  n: number;
  /** Unique within the network; default: the model's name (with a number where it is taken). */
  name?: string;
  /** Initial values that replace the model's, per state variable; `reset()` restores them. */
  init?: Readonly<Record<string, NetworkInitialValue>>;
  /** Constant input current `I`: one number or n values shared by the batch rows (default 0). */
  input?: number | ArrayLike<number>;
}

export interface NetworkSettings {
  readonly dt: number;
  readonly dtype: Dtype;
  readonly batchSize: number;
  readonly memory: MemoryBudget;
}

export interface ResolvedPopulation {
  readonly model: ValidatedModel;
  readonly plan: PlanPopulation;
  readonly warnings: readonly string[];
}

/** Checks a population's options and turns them into its part of the network plan. */
export function resolveNetworkPopulation(
  spec: ModelSpec | ValidatedModel,
  options: NetworkPopulationOptions,
  name: string,
  settings: NetworkSettings,
): ResolvedPopulation {
  const model = isValidatedModel(spec) ? spec : validateModel(spec as ModelSpec);
  const { dt, dtype, batchSize } = settings;
  const n = checkGroupSize(options.n, `population "${name}"`);
  // Brian2's rule in networks: synaptic input may lift a refractory neuron past its threshold, but it does not spike.
  const { program, parameterValues, integrator, integratorName } = resolvePopulationProgram(
    model,
    n,
    dt,
    // Spike traces are for plasticity here, so they are opt-in (a Population keeps the seed's default).
    { ...options, spikeTrace: options.spikeTrace ?? false },
    { spikesWhileRefractory: false },
  );
  const size = batchSize * n;
  const perNeuron = [...parameterValues.values()].filter((v) => v instanceof Float64Array).length;
  const kernelBytes = populationBytes(
    program,
    dtype,
    n,
    batchSize,
    perNeuron && perNeuron + program.derived.length,
  );
  checkPopulationMemory(kernelBytes, Number.POSITIVE_INFINITY, n, batchSize);
  // The plan keeps float64 initial values besides the kernel's state.
  settings.memory.reserve(kernelBytes + program.state.length * size * 8, `population "${name}"`);
  const init: Record<string, number | ArrayLike<number>> = {};
  for (const [variable, value] of Object.entries(options.init ?? {})) {
    init[variable] = isRandomInit(value) ? drawInitial(value, size) : value;
  }
  const chosen = resolveInitialState(options.init && init, program, n, batchSize, dtype);
  const initial = new Map<string, Float64Array>();
  for (const variable of program.state) {
    const values = new Float64Array(size);
    broadcastInitial(initialValueOf(variable, chosen, parameterValues, n, dtype), n, values);
    initial.set(variable.name, values);
  }
  const plan: PlanPopulation = {
    kind: 'population',
    name,
    n,
    phased: splitAtSpikes(program),
    parameters: programParameters(program, parameterValues, n, dtype),
    initial,
    input: resolveInput(options.input, n, dtype, name),
  };
  const warnings = [
    ...overflowWarnings(model, parameterValues, n, dtype, dt),
    ...stageRangeWarnings(model, integratorName, integrator, parameterValues),
  ];
  return { model, plan, warnings };
}

function resolveInput(input: number | ArrayLike<number> | undefined, n: number, dtype: Dtype, name: string) {
  const values = new Float64Array(n);
  if (input === undefined) return values;
  const where = `input of population "${name}"`;
  if (typeof input === 'number') {
    if (!finiteIn(dtype, input))
      throw new InputError(`${where} is ${input}; give a finite number in ${dtype}`);
    return values.fill(input);
  }
  if (typeof input !== 'object' || input === null || typeof input.length !== 'number') {
    throw new InputError(`${where} must be a number or n = ${n} numbers, got ${typeof input}`);
  }
  if (input.length !== n) {
    throw new InputError(`${where} has ${input.length} values; give one number or n = ${n} values`);
  }
  for (let j = 0; j < n; j++) {
    const value = input[j];
    if (!finiteIn(dtype, value))
      throw new InputError(`${where}[${j}] is ${value}; give a finite number in ${dtype}`);
    values[j] = value;
  }
  return values;
}
