import type { Backend, Dtype, Population, RefractoryMode, RunInput } from '@synapticflow/core';
import type { FloatArray } from '@synapticflow/core/backend';
import { createBackend } from './backends.js';
import { planChunks } from './chunks.js';
import { ScenarioError } from './errors.js';
import { resolveModel, type ScenarioModel } from './scenario/models.js';
import {
  type IntegratorName,
  type RecordedVariable,
  SCENARIO_DEFAULTS,
  type Scenario,
} from './scenario/scenario.js';
import { flattenInput } from './scenario/to-input.js';
import { createPopulation } from './scenario/to-population.js';

/** Options of `simulateScenario`: the backend, threads, what to keep and progress and warning callbacks. */
export interface SimulateOptions {
  /** Backend name (default "js"); see BACKENDS. */
  backend?: string;
  /** Makes a backend of the caller's own (e.g. from `--backend-module`), used instead of `backend`. */
  createBackend?: () => Backend;
  /** Threads for backends that have them (js, wasm; default 1). */
  threads?: number;
  /** Keep every spike as [step, batch, neuron] (needed for traces; default true). Counts are always kept. */
  keepSpikes?: boolean;
  /** Called after each chunk with the steps done so far. */
  onProgress?: (stepsDone: number, steps: number) => void;
  /** Neuron-updates per `run` call; smaller chunks bound memory and refresh progress more often. */
  chunkUpdates?: number;
  /** Called with each of the population's `warnings` (e.g. exp() overflowing the dtype) before the run. */
  onWarning?: (message: string) => void;
  /** `scenario.model` as `loadScenario` resolved it, so it is not validated again; resolved here if absent. */
  model?: ScenarioModel;
}

/** What a run produced, with enough context to summarise it or write a trace. */
export interface Simulation {
  scenario: Scenario;
  /** The model's name. */
  model: string;
  /** Unit of the input current: the model's `inputUnit`, or "a.u." where it gives none. */
  inputUnit: string;
  n: number;
  batchSize: number;
  steps: number;
  dt: number;
  dtype: Dtype;
  refractory: RefractoryMode;
  integrator: IntegratorName;
  backend: string;
  kernelDescription: string;
  /** Input per batch row and neuron (batchSize*n) for constant inputs; null when it varies per step. */
  constantInput: Float64Array | null;
  /** Spikes per batch row and neuron (batchSize*n). */
  spikeCounts: Uint32Array;
  /** [step, batch, neuron] triples back to back, in step order; absent with `keepSpikes: false`. */
  spikes?: Int32Array;
  stride: number;
  /** ceil(steps/stride) x batchSize x n per recorded variable (v, traces or any other state). */
  recorded: Partial<Record<RecordedVariable, FloatArray>>;
  /** The population's warnings about the parameter set (`Population.warnings`). */
  warnings: readonly string[];
  wallSeconds: number;
}

/** Runs a scenario in chunks and collects spikes and recordings. */
export async function simulateScenario(
  scenario: Scenario,
  options: SimulateOptions = {},
): Promise<Simulation> {
  const model = options.model ?? resolveModel(scenario.model);
  const backend =
    options.createBackend?.() ?? (await createBackend(options.backend ?? 'js', options.threads ?? 1));
  const population = createPopulation(scenario, backend, model);
  try {
    for (const warning of population.warnings) options.onWarning?.(warning);
    return await runChunks(population, scenario, model, backend.name, options);
  } finally {
    population.dispose();
  }
}

async function runChunks(
  population: Population,
  scenario: Scenario,
  model: ScenarioModel,
  backend: string,
  options: SimulateOptions,
) {
  const { steps } = scenario;
  const size = population.batchSize * population.n;
  const vars = scenario.record?.vars ?? [];
  const stride = scenario.record?.vStride ?? 1;
  checkRecordable(population, vars);

  const FloatArrayOfDtype = population.dtype === 'float32' ? Float32Array : Float64Array;
  const input = flattenInput(scenario);
  // In the population's dtype up front, so no chunk copies it again.
  const inputValues = FloatArrayOfDtype.from(input.values);
  const rows = Math.ceil(steps / stride);
  const recorded: Simulation['recorded'] = {};
  for (const name of vars) recorded[name] = new FloatArrayOfDtype(rows * size);
  const spikeCounts = new Uint32Array(size);
  const spikes: number[] | null = (options.keepSpikes ?? true) ? [] : null;

  const start = performance.now();
  for (const chunk of planChunks(steps, size, stride, vars.length > 0, options.chunkUpdates)) {
    const { start: done, length } = chunk;
    const record = chunk.record ? vars : [];
    const runInput: RunInput = input.perStep
      ? { steps: inputValues.subarray(done * size, (done + length) * size) }
      : { constant: inputValues };
    // runAsync also serves synchronous backends, so async ones (tfjs, gpujs) need no second path.
    const result = await population.runAsync(length, { input: runInput, record, stride });
    if (result.spikes) collectSpikes(result.spikes, done, population.n, spikeCounts, spikes);
    for (const name of record)
      recorded[name]!.set(result.recorded[name] as FloatArray, (done / stride) * size);
    options.onProgress?.(done + length, steps);
  }
  const wallSeconds = (performance.now() - start) / 1000;

  const simulation: Simulation = {
    scenario,
    model: model.name,
    inputUnit: model.inputUnit,
    n: population.n,
    batchSize: population.batchSize,
    steps,
    dt: population.dt,
    dtype: population.dtype,
    refractory: population.refractoryMode,
    integrator: scenario.integrator ?? SCENARIO_DEFAULTS.integrator,
    backend,
    kernelDescription: population.kernelDescription,
    constantInput: input.perStep ? null : input.values,
    spikeCounts,
    stride,
    recorded,
    warnings: population.warnings,
    wallSeconds,
  };
  if (spikes) simulation.spikes = Int32Array.from(spikes);
  return simulation;
}

function checkRecordable(population: Population, vars: readonly RecordedVariable[]): void {
  for (const [i, name] of vars.entries()) {
    if (population.stateNames.includes(name) && name !== 's') continue;
    const hint =
      name === 'traces'
        ? '; spike traces are off (scenario.traces.enabled is false)'
        : ` (state: ${population.stateNames.filter((s) => s !== 's').join(', ')})`;
    throw new ScenarioError(`scenario.record.vars[${i}]`, `cannot record "${name}"${hint}`);
  }
}

/** Counts spikes per neuron and, if asked, appends [step, batch, neuron] for each. */
function collectSpikes(
  flags: Uint8Array,
  firstStep: number,
  n: number,
  counts: Uint32Array,
  out: number[] | null,
): void {
  const size = counts.length;
  for (let i = 0; i < flags.length; i++) {
    if (flags[i] === 0) continue;
    const element = i % size;
    counts[element]!++;
    out?.push(firstStep + (i - element) / size, Math.floor(element / n), element % n);
  }
}
