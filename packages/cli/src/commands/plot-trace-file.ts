import { readFile } from 'node:fs/promises';
import { FileError, ScenarioError } from '../errors.js';
import { parseJson } from '../scenario/parse-json.js';
import { loadScenario } from '../scenario/parse-scenario.js';
import { flattenInput } from '../scenario/to-input.js';
import type { Simulation } from '../simulate.js';
import { fromJsonNumber } from '../trace/json-numbers.js';
import type { PlotRun } from './plot-charts.js';

/** A population's dt where the scenario gives none (docs/population.md). */
const POPULATION_DEFAULT_DT = 0.1;

/** What `PlotRun` needs of a simulation that just ran. */
export function plotRunOfSimulation(simulation: Simulation, model: PlotRun['model']): PlotRun {
  if (!simulation.spikes)
    throw new TypeError('plotting needs the spikes of the run; simulate with keepSpikes');
  const recorded: Record<string, ArrayLike<number>> = {};
  for (const [name, values] of Object.entries(simulation.recorded)) if (values) recorded[name] = values;
  return {
    model,
    params: simulation.scenario.params ?? {},
    n: simulation.n,
    batchSize: simulation.batchSize,
    steps: simulation.steps,
    dt: simulation.dt,
    spikes: simulation.spikes,
    stride: simulation.stride,
    recorded,
    constantInput: simulation.constantInput,
  };
}

/** Reads a trace file `synapticflow simulate --out` wrote; a malformed one is a FileError naming the field. */
export async function readPlotRun(path: string, shownAs: string): Promise<PlotRun> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new FileError(`cannot read trace file "${shownAs}": ${(error as Error).message}`);
  }
  let trace: Record<string, unknown>;
  try {
    trace = parseJson(text) as Record<string, unknown>;
  } catch (error) {
    throw new FileError(`trace file "${shownAs}" is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof trace !== 'object' || trace === null || Array.isArray(trace) || !('scenario' in trace)) {
    throw new FileError(
      `trace file "${shownAs}" has no "scenario"; is it a trace written by simulate --out?`,
    );
  }
  let loaded: ReturnType<typeof loadScenario>;
  try {
    loaded = loadScenario(trace.scenario, 'scenario');
  } catch (error) {
    if (error instanceof ScenarioError) throw new ScenarioError(error.path, error.detail, shownAs);
    throw error;
  }
  const { scenario, model } = loaded;
  const n = scenario.n;
  const batchSize = scenario.batchSize ?? 1;
  const input = flattenInput(scenario);
  const recorded: Record<string, Float64Array> = {};
  const stateOf = (trace.state ?? {}) as Record<string, unknown>;
  for (const [name, rows] of [
    ['v', trace.v],
    ['traces', trace.traces],
    ...Object.entries(stateOf),
  ] as const) {
    if (rows !== undefined) recorded[name] = flattenRows(rows, name, batchSize, n, shownAs);
  }
  return {
    model,
    params: scenario.params ?? {},
    n,
    batchSize,
    steps: scenario.steps,
    dt: scenario.dt ?? POPULATION_DEFAULT_DT,
    spikes: spikeTriples(trace.spikes, shownAs, scenario.steps, batchSize, n),
    stride: typeof trace.vStride === 'number' ? trace.vStride : 1,
    recorded,
    constantInput: input.perStep ? null : input.values,
  };
}

function spikeTriples(value: unknown, file: string, steps: number, batchSize: number, n: number): Int32Array {
  if (!Array.isArray(value))
    throw new FileError(`trace file "${file}": "spikes" must be a list of [step, batch, neuron]`);
  const triples = new Int32Array(value.length * 3);
  const limits = [steps, batchSize, n];
  for (const [k, spike] of value.entries()) {
    const ok =
      Array.isArray(spike) &&
      spike.length === 3 &&
      spike.every((x, c) => Number.isInteger(x) && x >= 0 && x < limits[c]!);
    if (!ok) {
      throw new FileError(
        `trace file "${file}": spikes[${k}] is ${JSON.stringify(spike)}; expected [step, batch, neuron] within ${steps} steps, ${batchSize} rows, ${n} neurons`,
      );
    }
    triples.set(spike as number[], 3 * k);
  }
  return triples;
}

function flattenRows(rows: unknown, name: string, batchSize: number, n: number, file: string): Float64Array {
  const shape = `[rows][${batchSize}][${n}]`;
  if (!Array.isArray(rows)) throw new FileError(`trace file "${file}": "${name}" must be ${shape}`);
  const values = new Float64Array(rows.length * batchSize * n);
  for (const [j, row] of rows.entries()) {
    if (!Array.isArray(row) || row.length !== batchSize) {
      throw new FileError(
        `trace file "${file}": ${name}[${j}] must hold ${batchSize} batch rows of ${n} values`,
      );
    }
    for (const [b, neurons] of row.entries()) {
      if (!Array.isArray(neurons) || neurons.length !== n) {
        throw new FileError(`trace file "${file}": ${name}[${j}][${b}] must hold ${n} values`);
      }
      for (const [i, x] of neurons.entries()) {
        try {
          values[(j * batchSize + b) * n + i] = fromJsonNumber(x);
        } catch (error) {
          throw new FileError(`trace file "${file}": ${name}[${j}][${b}][${i}]: ${(error as Error).message}`);
        }
      }
    }
  }
  return values;
}
