import { describe, expect, test } from 'vitest';
import { InterpreterPhaseKernel } from '../../reference/interpreter-phase-kernel.js';
import {
  ACCUMULATOR,
  collectingSink,
  everyStep,
  onPre,
  pairs,
  plan,
  population,
  projection,
  rows,
  trains,
} from '../../testing/network-plans.js';
import type { NetworkPlan } from '../kernel/contract.js';
import { delayToSteps } from '../synapse/delay.js';
import { NetworkRunner } from './network-runner.js';

const PARTS = {
  owner: 'test',
  createPhaseKernel: (r: ConstructorParameters<typeof InterpreterPhaseKernel>[0]) =>
    new InterpreterPhaseKernel(r),
};
const ADD_W = onPre(['v += w'], ['w'], ['v']);

/** Runs `steps` steps and returns v of group `group` after each step (one row per step). */
function vAfterEachStep(networkPlan: NetworkPlan, group: number, size: number, steps: number): number[][] {
  const runner = new NetworkRunner(networkPlan, PARTS);
  const probe = everyStep(group, 'v', size, steps);
  runner.run({ steps, firstStep: 0, probes: [probe], sinks: [] });
  return rows(probe.buffer, size);
}

describe('NetworkRunner delivery timing', () => {
  test('delay 0 delivers in the same step after the threshold and before the reset', () => {
    // Target 0 sits at the threshold and fires at step 0: its delivered += 20 is overwritten by the reset.
    // Target 1 keeps the 20 and fires only at step 1, since its threshold was already evaluated.
    const net = plan(
      [trains(1, [[0, 0]]), population(ACCUMULATOR, { n: 2, init: { v: [10, 0] } })],
      [
        projection(
          0,
          1,
          pairs(1, 2, [
            [0, 0],
            [0, 1],
          ]),
          ADD_W,
          { w: 20 },
          0,
        ),
      ],
    );
    const runner = new NetworkRunner(net, PARTS);
    const sink = collectingSink([1]);
    const probe = everyStep(1, 'v', 2, 2);
    runner.run({ steps: 2, firstStep: 0, probes: [probe], sinks: [sink] });
    expect(rows(probe.buffer, 2)).toEqual([
      [0, 20],
      [0, 0],
    ]);
    expect(sink.spikes).toEqual([
      [0, 1, 0],
      [1, 1, 1],
    ]);
  });

  test.each([1, 4])(
    'a single delay of %i steps delivers exactly that many steps after the spike',
    (delay) => {
      const net = plan(
        [trains(1, [[2, 0]]), population(ACCUMULATOR, { n: 1 })],
        [projection(0, 1, pairs(1, 1, [[0, 0]]), ADD_W, { w: 3 }, delay)],
      );
      const v = vAfterEachStep(net, 1, 1, 10).map((row) => row[0]);
      expect(v.indexOf(3)).toBe(2 + delay);
      expect(v.slice(0, 2 + delay).every((x) => x === 0)).toBe(true);
    },
  );

  test('per-synapse delays 0, 1, 3 and 2 each arrive on their own step', () => {
    const delays = [0, 1, 3, 2];
    const net = plan(
      [trains(1, [[2, 0]]), population(ACCUMULATOR, { n: 4 })],
      [
        projection(
          0,
          1,
          pairs(1, 4, [
            [0, 0],
            [0, 1],
            [0, 2],
            [0, 3],
          ]),
          ADD_W,
          { w: 1 },
          delays,
        ),
      ],
    );
    const v = vAfterEachStep(net, 1, 4, 8);
    for (let target = 0; target < 4; target++) {
      const arrival = v.findIndex((row) => row[target] === 1);
      expect(arrival, `target ${target}`).toBe(2 + delays[target]!);
    }
  });

  test('delays in ms, rounded to steps as Brian2 does (0.25 ms → 3 steps, 0.14 → 1), arrive on those steps', () => {
    const steps = delayToSteps([0, 0.1, 0.3, 0.25, 0.14], 0.1, 'delay') as Uint32Array;
    expect([...steps]).toEqual([0, 1, 3, 3, 1]);
    const net = plan(
      [trains(1, [[2, 0]]), population(ACCUMULATOR, { n: 5 })],
      [
        projection(
          0,
          1,
          pairs(1, 5, [
            [0, 0],
            [0, 1],
            [0, 2],
            [0, 3],
            [0, 4],
          ]),
          ADD_W,
          { w: 1 },
          [...steps],
        ),
      ],
    );
    const v = vAfterEachStep(net, 1, 5, 8);
    for (let target = 0; target < 5; target++)
      expect(
        v.findIndex((row) => row[target] === 1),
        `target ${target}`,
      ).toBe(2 + steps[target]!);
  });

  test('a delay as long as the ring (the longest of several) still arrives', () => {
    const net = plan(
      [
        trains(1, [
          [0, 0],
          [1, 0],
        ]),
        population(ACCUMULATOR, { n: 2 }),
      ],
      [
        projection(0, 1, pairs(1, 2, [[0, 0]]), ADD_W, { w: 1 }, 5),
        projection(0, 1, pairs(1, 2, [[0, 1]]), ADD_W, { w: 1 }, 2),
      ],
    );
    const v = vAfterEachStep(net, 1, 2, 9);
    expect(v.map((row) => row[0])).toEqual([0, 0, 0, 0, 0, 1, 2, 2, 2]);
    expect(v.map((row) => row[1])).toEqual([0, 0, 1, 2, 2, 2, 2, 2, 2]);
  });

  test('events of one step sum in source, then synapse order (float64, order-sensitive values)', () => {
    const weights = [1, 1e16, 1, -1e16];
    const inOrder = weights.reduce((sum, w) => sum + w, 0);
    const reversed = [...weights].reverse().reduce((sum, w) => sum + w, 0);
    expect(inOrder).not.toBe(reversed); // the values tell the orders apart
    const net = plan(
      [
        trains(3, [
          [1, 0],
          [1, 1],
          [1, 2],
        ]),
        population(ACCUMULATOR, { n: 1 }),
      ],
      [
        projection(
          0,
          1,
          pairs(3, 1, [
            [0, 0],
            [1, 0],
            [1, 0],
            [2, 0],
          ]),
          ADD_W,
          { w: weights },
          0,
        ),
      ],
    );
    expect(vAfterEachStep(net, 1, 1, 2)[1]).toEqual([inOrder]);
  });

  test('with per-synapse delays, events due together go by emission step (oldest first), then synapse', () => {
    // Synapses s0, s1 (source 0, emitted at step 4, delay 0), s2 (source 1, emitted at 2, delay 2) and
    // s3 (source 2, emitted at 3, delay 1) all arrive at step 4: the order is s2, s3, s0, s1.
    const weights = [1, -1e16, 1e16, 1];
    const documented = 1e16 + 1 + 1 + -1e16;
    const bySynapse = weights.reduce((sum, w) => sum + w, 0);
    expect(documented).not.toBe(bySynapse);
    const net = plan(
      [
        trains(3, [
          [4, 0],
          [2, 1],
          [3, 2],
        ]),
        population(ACCUMULATOR, { n: 1 }),
      ],
      [
        projection(
          0,
          1,
          pairs(3, 1, [
            [0, 0],
            [0, 0],
            [1, 0],
            [2, 0],
          ]),
          ADD_W,
          { w: weights },
          [0, 0, 2, 1],
        ),
      ],
    );
    const v = vAfterEachStep(net, 1, 1, 5);
    expect(v[3]).toEqual([0]);
    expect(v[4]).toEqual([documented]);
  });

  test('projections deliver in creation order', () => {
    // Both land at step 0: v = (0 + 2) * 3 in creation order, 0 * 3 + 2 the other way round.
    const net = plan(
      [trains(1, [[0, 0]]), population(ACCUMULATOR, { n: 1 })],
      [
        projection(0, 1, pairs(1, 1, [[0, 0]]), ADD_W, { w: 2 }, 0),
        projection(0, 1, pairs(1, 1, [[0, 0]]), onPre(['v *= w'], ['w'], ['v']), { w: 3 }, 0),
      ],
    );
    expect(vAfterEachStep(net, 1, 1, 1)).toEqual([[6]]);
  });
});
