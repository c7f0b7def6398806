import { describe, expect, test } from 'vitest';
import { drawUniform } from '../../random/draws.js';
import { interpreterBackend } from '../../reference/interpreter-backend.js';
import { plan } from '../../testing/network-plans.js';
import type { PlanGroup } from '../kernel/contract.js';

// 2000 neurons × 2000 steps at p = 0.01 per step (100 Hz at dt = 0.1 ms): Bernoulli trials, so counts are
// binomial and inter-spike intervals geometric. Every bound below is five standard errors wide.
const N = 2000;
const STEPS = 2000;
const P = 0.01;

function spikeTimes(seed: number, batchSize = 1): number[][] {
  const group: PlanGroup = {
    kind: 'poisson',
    name: 'noise',
    n: N,
    probabilities: new Float64Array(N).fill(P),
    seed,
    stream: 2,
  };
  const times: number[][] = Array.from({ length: batchSize * N }, () => []);
  interpreterBackend().createNetworkKernel!(plan([group], [], { batchSize })).run({
    steps: STEPS,
    firstStep: 0,
    probes: [],
    sinks: [
      {
        groups: [0],
        accept: (step, _g, indices, count) => {
          for (let q = 0; q < count; q++) times[indices[q]!]!.push(step);
        },
      },
    ],
  });
  return times;
}

describe('Poisson source', () => {
  test('neuron j of row b spikes at step k exactly when drawUniform(seed, stream, k, b*n + j) < p_j', () => {
    const probabilities = Float64Array.of(0, 0.3, 0.6, 1);
    const group: PlanGroup = { kind: 'poisson', name: 'p', n: 4, probabilities, seed: 11, stream: 4 };
    const seen: string[] = [];
    interpreterBackend().createNetworkKernel!(plan([group], [], { batchSize: 3 })).run({
      steps: 30,
      firstStep: 100,
      probes: [],
      sinks: [
        {
          groups: [0],
          accept: (step, _g, indices, count) => {
            for (let q = 0; q < count; q++) seen.push(`${step}:${indices[q]}`);
          },
        },
      ],
    });
    const expected: string[] = [];
    for (let step = 100; step < 130; step++)
      for (let i = 0; i < 12; i++)
        if (drawUniform(11, 4, step, i) < probabilities[i % 4]!) expected.push(`${step}:${i}`);
    expect(seen).toEqual(expected);
    expect(seen.filter((s) => s.endsWith(':3')).length).toBe(30);
    expect(seen.filter((s) => s.endsWith(':0')).length).toBe(0);
  });
});

describe('Poisson source statistics', () => {
  const times = spikeTimes(17);

  test('total count is within 5 sigma of N*steps*p (binomial sd sqrt(N*steps*p*(1-p)) ≈ 141)', () => {
    const total = times.reduce((sum, t) => sum + t.length, 0);
    const mean = N * STEPS * P;
    const sd = Math.sqrt(N * STEPS * P * (1 - P));
    expect(Math.abs(total - mean)).toBeLessThan(5 * sd);
  });

  test('inter-spike intervals have CV within 5 standard errors (5/sqrt(intervals) ≈ 0.026) of the geometric sqrt(1-p)', () => {
    const intervals: number[] = [];
    for (const t of times) for (let k = 1; k < t.length; k++) intervals.push(t[k]! - t[k - 1]!);
    const mean = intervals.reduce((a, b) => a + b, 0) / intervals.length;
    const variance = intervals.reduce((a, b) => a + (b - mean) ** 2, 0) / (intervals.length - 1);
    // The sample CV of an exponential law has asymptotic variance 1/count (delta method).
    expect(intervals.length).toBeGreaterThan(30000);
    expect(Math.abs(Math.sqrt(variance) / mean - Math.sqrt(1 - P))).toBeLessThan(
      5 / Math.sqrt(intervals.length),
    );
  });

  test('Fano factor of 200-step counts is within 5 sigma (sd sqrt((2 + 1/mean)/bins) ≈ 0.011) of 1 - p', () => {
    const counts: number[] = [];
    for (const t of times) {
      const bins = new Array(STEPS / 200).fill(0);
      for (const step of t) bins[Math.floor(step / 200)]++;
      counts.push(...bins);
    }
    const mean = counts.reduce((a, b) => a + b, 0) / counts.length;
    const variance = counts.reduce((a, b) => a + (b - mean) ** 2, 0) / (counts.length - 1);
    // Poisson counts of mean λ: the sample variance over λ has variance (2 + 1/λ)/bins.
    expect(Math.abs(variance / mean - (1 - P))).toBeLessThan(5 * Math.sqrt((2 + 1 / mean) / counts.length));
  });

  test('per-neuron rates follow their own probability, and batch rows draw independently', () => {
    const probabilities = Float64Array.from({ length: 4 }, (_, j) => j * 0.1);
    const group: PlanGroup = { kind: 'poisson', name: 'mixed', n: 4, probabilities, seed: 3, stream: 0 };
    const counts = new Array(8).fill(0);
    const rowsPerStep: string[][] = [[], []];
    interpreterBackend().createNetworkKernel!(plan([group], [], { batchSize: 2 })).run({
      steps: 20000,
      firstStep: 0,
      probes: [],
      sinks: [
        {
          groups: [0],
          accept: (_step, _g, indices, count) => {
            const row: number[][] = [[], []];
            for (let q = 0; q < count; q++) {
              counts[indices[q]!]++;
              row[indices[q]! >= 4 ? 1 : 0]!.push(indices[q]! % 4);
            }
            rowsPerStep[0]!.push(row[0]!.join());
            rowsPerStep[1]!.push(row[1]!.join());
          },
        },
      ],
    });
    for (let i = 0; i < 8; i++) {
      const p = probabilities[i % 4]!;
      // Binomial over 20000 steps: 5 sd of p(1-p)/20000 is at most 0.018.
      expect(Math.abs(counts[i] / 20000 - p)).toBeLessThanOrEqual(5 * Math.sqrt((p * (1 - p)) / 20000));
    }
    expect(rowsPerStep[0]).not.toEqual(rowsPerStep[1]);
  });
});
