import { describe, expect, test } from 'vitest';
import { SynapticFlowError } from '../errors.js';
import {
  drawIntegerBelow,
  drawNormal,
  drawUniform,
  drawUniformBetween,
  fillNormal,
  fillUniform,
} from './draws.js';
import { philox4x32 } from './philox.js';
import { RandomArgumentError } from './random-argument-error.js';

const SEED = 20261203;

/** The documented mapping, written out: key = seed halves, counter = (block halves, step, stream). */
function expectedUniform(seed: number, stream: number, step: number, index: number): number {
  const block = Math.floor(index / 2);
  const out = new Uint32Array(4);
  philox4x32(
    block % 2 ** 32,
    Math.floor(block / 2 ** 32),
    step,
    stream,
    seed % 2 ** 32,
    Math.floor(seed / 2 ** 32),
    out,
  );
  const first = out[(index % 2) * 2]!;
  const second = out[(index % 2) * 2 + 1]!;
  return ((first >>> 5) * 2 ** 26 + (second >>> 6)) / 2 ** 53;
}

describe('draw address mapping', () => {
  test('drawUniform reads the Philox block the documentation names', () => {
    const addresses: [number, number, number, number][] = [
      [0, 0, 0, 0],
      [0, 0, 0, 1],
      [SEED, 3, 17, 12345],
      [2 ** 40 + 5, 0xffffffff, 0xffffffff, 2 ** 33 + 1],
      [Number.MAX_SAFE_INTEGER, 1, 2, Number.MAX_SAFE_INTEGER],
    ];
    for (const [seed, stream, step, index] of addresses) {
      expect(drawUniform(seed, stream, step, index)).toBe(expectedUniform(seed, stream, step, index));
    }
  });

  test('each of seed, stream, step and index changes the draw', () => {
    const base = drawUniform(SEED, 1, 2, 3);
    expect(drawUniform(SEED + 1, 1, 2, 3)).not.toBe(base);
    expect(drawUniform(SEED + 2 ** 32, 1, 2, 3)).not.toBe(base);
    expect(drawUniform(SEED, 2, 2, 3)).not.toBe(base);
    expect(drawUniform(SEED, 1, 3, 3)).not.toBe(base);
    expect(drawUniform(SEED, 1, 2, 4)).not.toBe(base);
    expect(drawUniform(SEED, 1, 2, 3 + 2 ** 33)).not.toBe(base);
  });
});

describe('purity', () => {
  test('the same address gives the same draw whatever was drawn before', () => {
    const indices = Array.from({ length: 200 }, (_, i) => i * 7 + 1);
    const forwards = indices.map((i) => [drawUniform(SEED, 0, 5, i), drawNormal(SEED, 1, 5, i)]);
    const backwards = [...indices]
      .reverse()
      .map((i) => [drawUniform(SEED, 0, 5, i), drawNormal(SEED, 1, 5, i)]);
    expect(backwards.reverse()).toEqual(forwards);
  });

  test('fillUniform equals drawUniform per index, and chunked fills equal one fill', () => {
    const start = 7;
    const whole = new Float64Array(1001);
    fillUniform(whole, SEED, 2, 9, start);
    expect(whole).toEqual(Float64Array.from(whole, (_, k) => drawUniform(SEED, 2, 9, start + k)));
    for (const sizes of [
      [1, 1000],
      [2, 3, 996],
      [500, 501],
      [1, 1, 1, 998],
    ]) {
      const parts = new Float64Array(1001);
      let offset = 0;
      for (const size of sizes) {
        fillUniform(parts.subarray(offset, offset + size), SEED, 2, 9, start + offset);
        offset += size;
      }
      expect(parts).toEqual(whole);
    }
  });

  test('fillNormal equals mean + sd * drawNormal per index, and chunked fills equal one fill', () => {
    const start = 3;
    const whole = new Float64Array(501);
    fillNormal(whole, SEED, 4, 0, start, -65, 2);
    expect(whole).toEqual(Float64Array.from(whole, (_, k) => -65 + 2 * drawNormal(SEED, 4, 0, start + k)));
    const parts = new Float64Array(501);
    fillNormal(parts.subarray(0, 1), SEED, 4, 0, start, -65, 2);
    fillNormal(parts.subarray(1, 250), SEED, 4, 0, start + 1, -65, 2);
    fillNormal(parts.subarray(250), SEED, 4, 0, start + 250, -65, 2);
    expect(parts).toEqual(whole);
  });

  test('a float32 fill holds the float64 draw truncated to 24 bits, below 1', () => {
    const wide = new Float64Array(4096);
    const narrow = new Float32Array(4096);
    fillUniform(wide, SEED, 0, 0, 11);
    fillUniform(narrow, SEED, 0, 0, 11);
    expect(narrow).toEqual(Float32Array.from(wide, (value) => Math.floor(value * 2 ** 24) / 2 ** 24));
    expect(narrow.every((value) => value < 1)).toBe(true);
  });

  test('an even and the next odd normal index share the Box–Muller radius', () => {
    for (const block of [0, 1, 99, 2 ** 35]) {
      const even = drawNormal(SEED, 0, 0, 2 * block);
      const odd = drawNormal(SEED, 0, 0, 2 * block + 1);
      const u1 = expectedUniform(SEED, 0, 0, 2 * block);
      expect(Math.hypot(even, odd)).toBeCloseTo(Math.sqrt(-2 * Math.log(1 - u1)), 12);
    }
  });
});

describe('statistics (fixed seeds; every bound is at least 4.75 standard errors, p < 1e-5 by chance)', () => {
  const N = 200_000;

  test('uniform: mean, variance and a 100-bin chi-square', () => {
    const values = new Float64Array(N);
    fillUniform(values, SEED, 0, 0, 0);
    const mean = values.reduce((a, b) => a + b, 0) / N;
    const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / (N - 1);
    // Standard errors: mean sqrt(1/12/N); variance sqrt((1/80 - 1/144)/N).
    expect(Math.abs(mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / N));
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(5 * Math.sqrt((1 / 80 - 1 / 144) / N));
    expect(values.reduce((a, b) => Math.min(a, b), 1)).toBeGreaterThanOrEqual(0);
    expect(values.reduce((a, b) => Math.max(a, b), 0)).toBeLessThan(1);

    const bins = 100;
    const counts = new Array<number>(bins).fill(0);
    for (const value of values) counts[Math.floor(value * bins)]!++;
    const expected = N / bins;
    const chiSquare = counts.reduce((sum, count) => sum + (count - expected) ** 2 / expected, 0);
    // 99 degrees of freedom; Wilson–Hilferty upper quantile at z = 4.75 (about 172).
    const df = bins - 1;
    const upper = df * (1 - 2 / (9 * df) + 4.75 * Math.sqrt(2 / (9 * df))) ** 3;
    expect(chiSquare).toBeLessThan(upper);
    // A generator stuck on a lattice would give a suspiciously small chi-square as well.
    const lower = df * (1 - 2 / (9 * df) - 4.75 * Math.sqrt(2 / (9 * df))) ** 3;
    expect(chiSquare).toBeGreaterThan(lower);
  });

  test('normal: mean, variance and kurtosis', () => {
    const values = new Float64Array(N);
    fillNormal(values, SEED, 1, 0, 0);
    const mean = values.reduce((a, b) => a + b, 0) / N;
    const m2 = values.reduce((a, b) => a + (b - mean) ** 2, 0) / N;
    const m4 = values.reduce((a, b) => a + (b - mean) ** 4, 0) / N;
    // Standard errors: mean 1/sqrt(N); variance sqrt(2/N); kurtosis sqrt(24/N).
    expect(Math.abs(mean)).toBeLessThan(5 / Math.sqrt(N));
    expect(Math.abs(m2 - 1)).toBeLessThan(5 * Math.sqrt(2 / N));
    expect(Math.abs(m4 / m2 ** 2 - 3)).toBeLessThan(5 * Math.sqrt(24 / N));
  });

  test('uniform between: lands in range with the scaled mean', () => {
    const values = Array.from({ length: 20_000 }, (_, i) => drawUniformBetween(SEED, 3, 0, i, -2, 6));
    expect(Math.min(...values)).toBeGreaterThanOrEqual(-2);
    expect(Math.max(...values)).toBeLessThan(6);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    expect(Math.abs(mean - 2)).toBeLessThan(5 * Math.sqrt(64 / 12 / values.length));
  });

  test('integers below a count cover every value with about equal frequency', () => {
    const count = 7;
    const tally = new Array<number>(count).fill(0);
    for (let i = 0; i < 70_000; i++) tally[drawIntegerBelow(SEED, 5, 0, i, count)]!++;
    const p = 1 / count;
    for (const seen of tally)
      expect(Math.abs(seen - 10_000)).toBeLessThan(5 * Math.sqrt(70_000 * p * (1 - p)));
  });
});

describe('bad input', () => {
  const cases: [string, () => unknown, RegExp][] = [
    ['negative seed', () => drawUniform(-1, 0, 0, 0), /seed must be an integer/],
    ['fractional seed', () => drawUniform(1.5, 0, 0, 0), /seed must be an integer.*1\.5/],
    ['NaN stream', () => drawNormal(0, Number.NaN, 0, 0), /stream must be an integer.*NaN/],
    [
      'step over 2^32 - 1',
      () => drawUniform(0, 0, 2 ** 32, 0),
      /step must be an integer from 0 to 4294967295/,
    ],
    ['index over 2^53 - 1', () => drawUniform(0, 0, 0, 2 ** 53), /index must be an integer/],
    ['empty range', () => drawUniformBetween(0, 0, 0, 0, 1, 1), /finite low < high/],
    [
      'infinite range',
      () => drawUniformBetween(0, 0, 0, 0, 0, Number.POSITIVE_INFINITY),
      /finite low < high/,
    ],
    ['fill past the last index', () => fillUniform(new Float64Array(4), 0, 0, 0, 2 ** 53 - 2), /last index/],
    ['negative sd', () => fillNormal(new Float64Array(1), 0, 0, 0, 0, 0, -1), /sd finite and >= 0/],
    ['count 0', () => drawIntegerBelow(0, 0, 0, 0, 0), /count must be at least 1/],
  ];
  test.each(cases)('%s throws a RandomArgumentError', (_, call, message) => {
    expect(call).toThrow(RandomArgumentError);
    expect(call).toThrow(message);
    try {
      call();
    } catch (error) {
      expect(error).toBeInstanceOf(SynapticFlowError);
      expect((error as SynapticFlowError).code).toBe('RANDOM_ARGUMENT');
    }
  });
});
