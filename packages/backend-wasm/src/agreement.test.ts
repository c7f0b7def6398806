import { jsBackend } from '@synapticflow/backend-js';
import { seededRandom, ulpDistance } from '@synapticflow/conformance';
import { MODEL_LIBRARY, type ModelSpec, Population, type RunInput } from '@synapticflow/core';
import type { Backend, Dtype, Expr } from '@synapticflow/core/backend';
import { describe, expect, test } from 'vitest';
import { wasmBackend } from './index.js';

/** A drive above each library model's rheobase, in its own input unit. */
const DRIVE: Record<string, number> = {
  if: 0.5,
  lif: 1,
  qif: 0.5,
  elif: 0.5,
  adex: 800,
  'adaptive-lif': 1,
  izhikevich: 10,
  'lif-exp-synapse': 1,
  'cuba-lif': 5,
};
const N = 13; // not a multiple of 4 or 2: rows are padded
const BATCH = 3;
const STEPS = 400;

/** Every parameter with a numeric default varies by a few percent across neurons (per-neuron arrays). */
function perNeuronParameters(model: ModelSpec): Record<string, number[]> {
  const params: Record<string, number[]> = {};
  for (const [name, spec] of Object.entries(model.parameters)) {
    if (spec.default === null || spec.perNeuron === false) continue;
    const base = spec.default;
    params[name] = Array.from({ length: N }, (_, j) => base * (1 + 0.01 * (j % 5)));
  }
  return params;
}

function randomSteps(model: ModelSpec, seed: number): Float64Array {
  const random = seededRandom(seed);
  return Float64Array.from({ length: STEPS * BATCH * N }, () => (random() * 1.4 - 0.2) * DRIVE[model.name]!);
}

function populationOf(model: ModelSpec, backend: Backend, dtype: Dtype): Population {
  return new Population(model, {
    n: N,
    batchSize: BATCH,
    dtype,
    backend,
    params: perNeuronParameters(model),
  });
}

function simulate(model: ModelSpec, backend: Backend, dtype: Dtype, input: RunInput) {
  const population = populationOf(model, backend, dtype);
  const result = population.run(STEPS, { input, record: population.stateNames });
  population.dispose();
  return result.recorded;
}

/** The worst ulp distance after one step of both backends from the same states (every 50th of a run's). */
function worstOneStepUlps(
  model: ModelSpec,
  recorded: Record<string, ArrayLike<number>>,
  input: Float64Array,
) {
  const size = N * BATCH;
  const [wasm, js] = [wasmBackend(), jsBackend()].map((backend) => populationOf(model, backend, 'float32'));
  let worst = 0;
  for (let k = 49; k < STEPS; k += 50) {
    const after = [wasm!, js!].map((population) => {
      for (const name of population.stateNames) {
        population.writeState(name, Array.prototype.slice.call(recorded[name], k * size, (k + 1) * size));
      }
      population.forward(input.subarray(k * size, (k + 1) * size));
      return population.stateNames.map((name) => population.state(name));
    });
    after[1]!.forEach((values, v) => {
      if (values instanceof Uint8Array) return;
      values.forEach((value, i) => {
        worst = Math.max(worst, ulpDistance(after[0]![v]![i]!, value, 'float32'));
      });
    });
  }
  return worst;
}

function usesExp(expr: Expr): boolean {
  switch (expr.kind) {
    case 'call':
      return expr.fn === 'exp' || expr.args.some(usesExp);
    case 'unary':
      return usesExp(expr.operand);
    case 'binary':
      return usesExp(expr.left) || usesExp(expr.right);
    case 'select':
      return usesExp(expr.cond) || usesExp(expr.whenTrue) || usesExp(expr.whenFalse);
    default:
      return false;
  }
}

function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): string | null {
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return `element ${i}: ${a[i]} vs ${b[i]}`;
  return a.length === b.length ? null : 'lengths differ';
}

describe('wasm agrees with backend-js on every library model (400 steps, per-neuron parameters, batch 3)', () => {
  for (const model of Object.values(MODEL_LIBRARY)) {
    const hasExp = new Population(model, { n: 1, backend: jsBackend() }).program.statements.some((s) =>
      usesExp(s.expr),
    );
    const input = { steps: randomSteps(model, model.name.length) };

    test(`${model.name} float64: bit for bit (exp included: the f64x2 exp is fdlibm's)`, () => {
      const wasm = simulate(model, wasmBackend(), 'float64', input);
      const js = simulate(model, jsBackend(), 'float64', input);
      for (const name of Object.keys(js)) expect(firstDifference(wasm[name]!, js[name]!), name).toBeNull();
    });

    test(`${model.name} float32: ${hasExp ? 'same spikes, one step within 2 ulps' : 'bit for bit'}`, () => {
      const wasm = simulate(model, wasmBackend(), 'float32', input);
      const js = simulate(model, jsBackend(), 'float32', input);
      if (!hasExp) {
        for (const name of Object.keys(js)) expect(firstDifference(wasm[name]!, js[name]!), name).toBeNull();
        return;
      }
      // exp differs from Math.fround(Math.exp(x)) by up to 1 ulp; trajectories may then drift apart by
      // ulps on the upswing, so state is compared after one step from the same states.
      expect(firstDifference(wasm.s!, js.s!), 'spikes').toBeNull();
      expect(worstOneStepUlps(model, js, input.steps)).toBeLessThanOrEqual(2);
    });
  }
});
