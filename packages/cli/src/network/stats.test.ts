import { describe, expect, test } from 'vitest';
import { meanIsiCv, meanRate, synapticEvents, synchronyChi } from './stats.js';

/** Spikes of `trains` (one list of steps per neuron) as a monitor keeps them: by step, then index. */
function merge(trains: number[][]): { steps: number[]; indices: number[] } {
  const pairs = trains.flatMap((train, j) => train.map((step) => [step, j] as const));
  pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return { steps: pairs.map((p) => p[0]), indices: pairs.map((p) => p[1]) };
}

/** A small seeded generator (mulberry32), so the random trains are the same on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Independent Poisson trains: each step spikes with probability p. */
function poissonTrains(n: number, steps: number, p: number, seed: number): number[][] {
  const draw = random(seed);
  return Array.from({ length: n }, () => {
    const train: number[] = [];
    for (let k = 0; k < steps; k++) if (draw() < p) train.push(k);
    return train;
  });
}

describe('meanRate', () => {
  test('is spikes per neuron per second', () => {
    expect(meanRate(50, 10, 500)).toBe(10);
    expect(meanRate(0, 10, 500)).toBe(0);
  });
});

describe('meanIsiCv', () => {
  test('is 0 for regular trains and about 1 for Poisson trains', () => {
    const regular = merge([
      [0, 10, 20, 30],
      [5, 12, 19, 26, 33],
    ]);
    expect(meanIsiCv(regular.steps, regular.indices, 2)).toBe(0);
    const poisson = merge(poissonTrains(50, 20000, 0.02, 1));
    expect(meanIsiCv(poisson.steps, poisson.indices, 50)).toBeCloseTo(1, 1);
  });

  test('averages over neurons with enough intervals, NaN when none has', () => {
    // Neuron 0: intervals 2 and 6 (mean 4, sd 2, CV 0.5); neuron 1 has one interval only.
    const spikes = merge([[0, 2, 8], [1, 4], []]);
    expect(meanIsiCv(spikes.steps, spikes.indices, 3)).toBeCloseTo(0.5, 12);
    expect(meanIsiCv(spikes.steps, spikes.indices, 3, 1)).toBeCloseTo(0.25, 12);
    expect(meanIsiCv([], [], 3)).toBeNaN();
  });
});

describe('synchronyChi', () => {
  test('is 1 when every neuron fires in the same bins', () => {
    const together = merge(Array.from({ length: 20 }, () => [3, 40, 41, 95, 160]));
    expect(synchronyChi(together.steps, together.indices, 20, 200, 10)).toBeCloseTo(1, 12);
  });

  test('is near 1/sqrt(n) for independent Poisson neurons', () => {
    const n = 400;
    const independent = merge(poissonTrains(n, 10000, 0.01, 2));
    const chi = synchronyChi(independent.steps, independent.indices, n, 10000, 50);
    expect(chi).toBeGreaterThan(0.5 / Math.sqrt(n));
    expect(chi).toBeLessThan(2 / Math.sqrt(n));
  });

  test('counts a neuron silent for the whole run, and is NaN without spikes or bins', () => {
    // Half the neurons fire together, half never: the population follows the firing half at half height.
    const half = merge([...Array.from({ length: 5 }, () => [0, 30, 31]), [], [], [], [], []]);
    // Population variance is that of each firing neuron / 4; mean neuron variance is half of it.
    expect(synchronyChi(half.steps, half.indices, 10, 40, 10)).toBeCloseTo(Math.sqrt(0.5), 12);
    expect(synchronyChi([], [], 10, 100, 10)).toBeNaN();
    expect(synchronyChi([0], [0], 10, 15, 10)).toBeNaN();
  });
});

describe('synapticEvents', () => {
  test('adds the out-degree of each spiking source neuron', () => {
    expect(synapticEvents([0, 2, 2, 1], [3, 0, 5])).toBe(13);
    expect(synapticEvents([], [3])).toBe(0);
  });
});
