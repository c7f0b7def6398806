import { describe, expect, it } from 'vitest';
import { drawNormal, drawUniformBetween } from '../../random/draws.js';
import { RandomArgumentError } from '../../random/random-argument-error.js';
import { drawInitial, isRandomInit, normal, uniform } from './random-init.js';

describe('random initial values', () => {
  it('uniform draws value k from address (seed, stream, 0, k), scaled to [low, high)', () => {
    const values = drawInitial(uniform(-60, -50, { seed: 5, stream: 2 }), 7);
    for (let k = 0; k < 7; k++) {
      expect(values[k]).toBe(drawUniformBetween(5, 2, 0, k, -60, -50));
      expect(values[k]).toBeGreaterThanOrEqual(-60);
      expect(values[k]).toBeLessThan(-50);
    }
  });

  it('normal draws mean + sd * drawNormal at each index', () => {
    const values = drawInitial(normal(-55, 2, { seed: 9 }), 5);
    for (let k = 0; k < 5; k++) expect(values[k]).toBe(-55 + 2 * drawNormal(9, 0, 0, k));
  });

  it('a longer draw starts with the shorter one (batch row 0 equals a batch of one)', () => {
    const init = uniform(0, 1, { seed: 1 });
    expect(drawInitial(init, 10).subarray(0, 4)).toEqual(drawInitial(init, 4));
  });

  it('is recognised, and bad bounds or addresses are named errors', () => {
    expect(isRandomInit(uniform(0, 1, { seed: 1 }))).toBe(true);
    expect(isRandomInit([0, 1])).toBe(false);
    expect(() => uniform(1, 1, { seed: 1 })).toThrow(RandomArgumentError);
    expect(() => uniform(0, Number.NaN, { seed: 1 })).toThrow(/finite low < high/);
    expect(() => normal(0, -1, { seed: 1 })).toThrow(/sd >= 0/);
    expect(() => normal(0, 1, { seed: -1 })).toThrow(RandomArgumentError);
    expect(() => uniform(0, 1, { seed: 1, stream: 2 ** 32 })).toThrow(RandomArgumentError);
  });
});
