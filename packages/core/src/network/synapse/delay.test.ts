import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { SynapticFlowError } from '../../errors.js';
import { thrown } from '../../testing/helpers.js';
import { MAX_DELAY_STEPS } from '../kernel/contract.js';
import { delayToSteps } from './delay.js';
import { DelayError } from './delay-error.js';

describe('delayToSteps', () => {
  // Expected steps read from Brian2 2.5.1's compiled spike queue (brian2.synapses.cythonspikequeue, which wraps
  // cspikequeue.cpp): prepare([delay*ms], dt*ms), push one spike, count advance() calls until peek() has it.
  test.each([
    [0, 0.1, 0],
    [0.04, 0.1, 0],
    [0.05, 0.1, 1], // an exact half rounds up
    [0.15, 0.1, 1], // 0.15 / 0.1 is 1.4999… in floating point
    [0.25, 0.1, 3], // 0.25 / 0.1 is exactly 2.5 in floating point
    [0.35, 0.1, 4],
    [1.95, 0.1, 19],
    [2.65, 0.1, 27],
    [0.175, 0.05, 4], // 3.4999… in ms, 3.5 in seconds: Brian2 says 4
    [0.045, 0.01, 4], // 4.5 in ms, 4.4999… in seconds: Brian2 says 4
    [0.075, 0.01, 7],
    [1.5, 0.1, 15],
    [10, 0.1, 100],
  ])('%f ms at dt %f ms is %i steps, as in Brian2', (delay, dt, steps) => {
    expect(delayToSteps(delay, dt, 'delay')).toBe(steps);
  });

  test("every delay of the Brian2 fixture (0 to 3 ms by 0.005 ms, five dts) gets Brian2's step count", () => {
    // Written by packages/core/scripts/brian2_delay_steps.py from Brian2's compiled spike queue.
    const fixture = JSON.parse(
      readFileSync(new URL('../../../test/fixtures/brian2-delay-steps.json', import.meta.url), 'utf8'),
    ) as { delaysMs: number[]; steps: Record<string, number[]> };
    let differFromMs = 0;
    for (const [dt, expected] of Object.entries(fixture.steps)) {
      const actual = delayToSteps(fixture.delaysMs, Number(dt), 'delay');
      expect(actual instanceof Uint32Array ? [...actual] : actual, `dt ${dt}`).toEqual(expected);
      differFromMs += fixture.delaysMs.filter(
        (d, k) => Math.trunc(d / Number(dt) + 0.5) !== expected[k],
      ).length;
    }
    expect(Object.keys(fixture.steps)).toHaveLength(5);
    // The fixture holds halves where rounding the quotient in ms would miss Brian2's count.
    expect(differFromMs).toBeGreaterThan(10);
  });

  test('per-synapse delays become per-synapse steps', () => {
    const steps = delayToSteps([0, 0.05, 0.25, 1.95], 0.1, 'delay');
    expect(steps).toEqual(new Uint32Array([0, 1, 3, 19]));
  });

  test('per-synapse delays of one step count come back as that number', () => {
    expect(delayToSteps(new Float64Array([1, 1.02, 0.96, 1.04]), 0.1, 'delay')).toBe(10);
    expect(delayToSteps([2], 0.1, 'delay')).toBe(20);
    expect(delayToSteps([], 0.1, 'delay')).toEqual(new Uint32Array(0));
  });

  test('the longest delay allowed is MAX_DELAY_STEPS steps', () => {
    expect(delayToSteps(MAX_DELAY_STEPS, 1, 'delay')).toBe(MAX_DELAY_STEPS);
    expect(delayToSteps(MAX_DELAY_STEPS + 0.49, 1, 'delay')).toBe(MAX_DELAY_STEPS);
  });

  test.each<[string, () => unknown, string]>([
    [
      'a negative delay',
      () => delayToSteps(-0.1, 0.1, 'delay'),
      'delay must be a finite number of ms, 0 or more, got -0.1',
    ],
    [
      'NaN',
      () => delayToSteps(Number.NaN, 0.1, 'delay'),
      'delay must be a finite number of ms, 0 or more, got NaN',
    ],
    [
      'Infinity in a per-synapse array',
      () => delayToSteps([1, Number.POSITIVE_INFINITY], 0.1, 'exc delay'),
      'exc delay[1] must be a finite number of ms, 0 or more, got Infinity',
    ],
    [
      'a delay past the limit',
      () => delayToSteps(MAX_DELAY_STEPS + 0.5, 1, 'delay'),
      `delay of ${MAX_DELAY_STEPS + 0.5} ms is ${MAX_DELAY_STEPS + 1} steps of 1 ms, more than the ${MAX_DELAY_STEPS} a synapse may wait; shorten the delay or lengthen dt`,
    ],
    ['dt of 0', () => delayToSteps(1, 0, 'delay'), 'delay: dt must be a finite number of ms above 0, got 0'],
    [
      'a negative dt',
      () => delayToSteps(1, -0.1, 'delay'),
      'delay: dt must be a finite number of ms above 0, got -0.1',
    ],
  ])('refuses %s', (_, call, message) => {
    const error = thrown(call, DelayError);
    expect(error).toBeInstanceOf(SynapticFlowError);
    expect(error.code).toBe('DELAY');
    expect(error.message).toBe(message);
  });
});
