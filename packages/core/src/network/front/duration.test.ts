import { describe, expect, it } from 'vitest';
import { durationToSteps } from './duration.js';

describe('run durations', () => {
  it("end on the step grid as Brian2's clock ends them: nearest step when within 1e-4 steps, else the next", () => {
    expect(durationToSteps(0, 1, 0.1)).toBe(10);
    expect(durationToSteps(0, 0.3, 0.1)).toBe(3);
    expect(durationToSteps(0, 0.300001, 0.1)).toBe(3);
    expect(durationToSteps(0, 0.31, 0.1)).toBe(4);
    expect(durationToSteps(0, 0.05, 0.1)).toBe(1);
    expect(durationToSteps(0, 0, 0.1)).toBe(0);
  });

  it('count from the current step, so that runs of 0.7 ms add up to the grid', () => {
    let steps = 0;
    for (let k = 0; k < 10; k++) steps += durationToSteps(steps, 0.7, 0.1);
    expect(steps).toBe(70);
    expect(durationToSteps(3, 0.25, 0.1)).toBe(3);
  });
});
