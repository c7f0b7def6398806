import { expect, test } from 'vitest';
import { planLaunches } from './launch-plan.js';

test('a kernel map takes as many outputs as a launch can write', () => {
  expect(planLaunches(['a', 'b', 'c'], 'kernel-map', Number.POSITIVE_INFINITY)).toEqual([
    { outputs: ['a', 'b', 'c'] },
  ]);
  expect(planLaunches(['a', 'b', 'c', 'd', 'e'], 'kernel-map', 4)).toEqual([
    { outputs: ['a', 'b', 'c', 'd'] },
    { outputs: ['e'] },
  ]);
});

test('per-output launches one kernel per state variable', () => {
  expect(planLaunches(['a', 'b'], 'per-output', 8)).toEqual([{ outputs: ['a'] }, { outputs: ['b'] }]);
});
