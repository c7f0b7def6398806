import { ELIFPopulation } from '@synapticflow/core';
import { ELIF_DEFAULTS } from '../../cases/elif-formula.js';
import type { Cell, Check, ConformanceColumn } from '../types.js';
import { isElif } from './is-elif.js';

const P = { ...ELIF_DEFAULTS, refracLength: 5 };
/** Below this current the ELIF neuron has a stable fixed point and never fires. */
const RHEOBASE = (P.thetaRh - P.restPot - P.deltaT) / P.R;
const DRIVE = 3 * RHEOBASE;
const STEP_SIZES = [0.1, 0.05, 0.025, 0.0125];

/**
 * Analytic results of the continuous ELIF model: no spike below the rheobase current, and above it the
 * firing period `refracLength + ∫ tau du / f(u)` from reset to threshold, with
 * `f(u) = -(u - restPot) + deltaT exp((u - thetaRh)/deltaT) + R I`. Forward Euler (and the step-quantised
 * spike time) approach that period with order 1 in dt.
 */
export const analyticElif: Check = {
  id: 'analytic-elif',
  title: 'ELIF rheobase and firing period vs the continuous model',
  appliesTo: isElif,
  async run(_model, column) {
    const exact = continuousPeriod(DRIVE);
    const errors: number[] = [];
    // The shortest run first: the one population of a check that may be widened across blocks.
    for (const dt of STEP_SIZES) errors.push(Math.abs((await measuredPeriod(column, dt)) - exact));
    const silent = await spikesBelowRheobase(column);
    if (silent > 0)
      return { status: 'FAIL', detail: `${silent} spikes below the rheobase current ${RHEOBASE} nA` };
    const orders = errors.slice(1).map((e, i) => Math.log2(errors[i]! / e));
    const order = [...orders].sort((a, b) => a - b)[Math.floor(orders.length / 2)]!;
    const detail =
      `no spike below ${RHEOBASE} nA; period at ${DRIVE.toPrecision(3)} nA: exact ${exact.toFixed(4)} ms, errors ` +
      `${errors.map((e) => e.toExponential(1)).join(', ')} ms at dt ${STEP_SIZES.join(', ')}; order ${order.toFixed(2)}`;
    const status: Cell['status'] =
      Math.abs(order - 1) <= 0.25 ? 'OK' : Math.abs(order - 1) <= 0.5 ? 'POOR' : 'FAIL';
    return { status, error: order, unit: 'order', detail };
  },
};

async function spikesBelowRheobase(column: ConformanceColumn): Promise<number> {
  const population = new ELIFPopulation({ ...P, n: 3, dtype: column.dtype, backend: column.createBackend() });
  try {
    const result = await population.runAsync(20000, { input: [0.5, 0.9, 0.99].map((f) => f * RHEOBASE) });
    return result.spikes!.reduce((a, b) => a + b, 0);
  } finally {
    population.dispose();
  }
}

/** Mean interspike interval (ms) of the last few of about eight spikes. */
async function measuredPeriod(column: ConformanceColumn, dt: number): Promise<number> {
  const steps = Math.ceil((8 * continuousPeriod(DRIVE)) / dt);
  const population = new ELIFPopulation({
    ...P,
    n: 1,
    dt,
    dtype: column.dtype,
    backend: column.createBackend(),
  });
  try {
    const result = await population.runAsync(steps, { input: DRIVE });
    const times: number[] = [];
    result.spikes!.forEach((s, k) => {
      if (s) times.push(k);
    });
    const last = times.slice(-5);
    return ((last[last.length - 1]! - last[0]!) / (last.length - 1)) * dt;
  } finally {
    population.dispose();
  }
}

/** refracLength + ∫ tau/f(u) du from resetPot to threshold, by composite Simpson's rule in float64. */
export function continuousPeriod(current: number, p = P): number {
  const f = (u: number) => -(u - p.restPot) + p.deltaT * Math.exp((u - p.thetaRh) / p.deltaT) + p.R * current;
  const intervals = 20000;
  const h = (p.threshold - p.resetPot) / intervals;
  let sum = p.tau / f(p.resetPot) + p.tau / f(p.threshold);
  for (let i = 1; i < intervals; i++) sum += (i % 2 === 1 ? 4 : 2) * (p.tau / f(p.resetPot + i * h));
  return p.refracLength + (sum * h) / 3;
}
