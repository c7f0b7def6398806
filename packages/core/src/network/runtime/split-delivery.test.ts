import { describe, expect, test } from 'vitest';
import { onPre, pairs, projection } from '../../testing/network-plans.js';
import { compileJsDeliveryEntries } from '../delivery/compile-js-delivery.js';
import type { DeliveryProgram } from '../kernel/contract.js';
import {
  type SharedNumbers,
  SPLIT_DELIVERY_WORKER_CALL,
  SPLIT_DELIVERY_WORKER_SETUP,
  type SplitDeliveryPlan,
  splitDeliveryObstacle,
  type TargetOwnership,
  TargetSplitDelivery,
} from './split-delivery.js';

const SOURCES = 4;
const TARGETS = 5;
const BATCH = 2;
// Every source reaches several targets, some twice; rows ascending (source 3's is not).
const CONNECTIVITY = pairs(SOURCES, TARGETS, [
  [0, 0],
  [0, 2],
  [0, 4],
  [1, 1],
  [1, 1],
  [1, 3],
  [2, 0],
  [2, 1],
  [2, 2],
  [2, 3],
  [2, 4],
  [3, 4],
  [3, 0],
  [3, 2],
]);
/** Not commutative: the order of events onto one target changes the result. */
const TARGET_ONLY = onPre(['v = v * 0.5 + w'], ['w'], ['v']);

function shared<T extends Float64Array | Uint32Array>(values: T): T {
  const copy = new (values.constructor as new (buffer: SharedArrayBuffer) => T)(
    new SharedArrayBuffer(values.byteLength),
  );
  copy.set(values);
  return copy;
}

/** A plan of two projections onto one population (state `v`, batch rows of TARGETS), all in shared memory. */
function setup(program: DeliveryProgram) {
  const v = shared(Float64Array.from({ length: TARGETS * BATCH }, (_, i) => 0.1 * i - 0.3));
  const connectivity = {
    ...CONNECTIVITY,
    targets: shared(CONNECTIVITY.targets),
    rowStarts: shared(CONNECTIVITY.rowStarts),
  };
  const plan: SplitDeliveryPlan = {
    projections: [0.7, -1.3].map((scale) => {
      const w = shared(Float64Array.from(CONNECTIVITY.targets, (_, s) => scale * (1 + s / 8)));
      const entries = compileJsDeliveryEntries({
        projection: projection(0, 1, connectivity, program, {}),
        dtype: 'float64',
        targetN: TARGETS,
        targetState: new Map([['v', v]]),
        synapseState: new Map([['w', w]]),
      });
      return {
        target: 0,
        targetN: TARGETS,
        sourceN: SOURCES,
        parameters: entries.parameters,
        source: entries.source,
        factoryArguments: entries.factoryArguments as SharedNumbers[],
        // Flat spikes of both rows: row 0's sources 0, 2, 3 and row 1's 1, 3.
        spikes: shared(Uint32Array.of(0, 2, 3, 5, 7)),
        writesSynapses: entries.writesSynapses,
      };
    }),
    batchSize: BATCH,
    counts: new Int32Array(new SharedArrayBuffer(8)),
    time: new Float64Array(new SharedArrayBuffer(8)),
  };
  plan.counts.set([5, 4]);
  plan.time[0] = 2.5;
  return { plan, v };
}

/** The workers' delivery code, run on this thread as worker `w` would run it. */
function workerSlice(delivery: TargetSplitDelivery): (w: number) => void {
  const run = new Function(
    'init',
    `${SPLIT_DELIVERY_WORKER_SETUP}\nreturn (w) => ${SPLIT_DELIVERY_WORKER_CALL};`,
  );
  return run({ delivery: delivery.workerInit() }) as (w: number) => void;
}

const OWNERSHIPS: Record<string, TargetOwnership> = {
  // Three threads over the 10 elements of both rows laid end to end; the last slice ends in padding.
  element: {
    by: 'element',
    slices: [
      { lo: 0, hi: 3 },
      { lo: 3, hi: 7 },
      { lo: 7, hi: 12 },
    ],
  },
  // Three threads over the 5 columns of every row; the third owns nothing.
  column: { by: 'column', slices: [{ lo: 0, hi: 2 }, { lo: 2, hi: 5 }, null] },
};

describe('TargetSplitDelivery', () => {
  for (const [by, ownership] of Object.entries(OWNERSHIPS)) {
    test(`its slices (calling thread's and workers', by ${by}) together equal the whole delivery bit for bit`, () => {
      const whole = setup(TARGET_ONLY);
      new TargetSplitDelivery(whole.plan, [ownership]).runWhole();
      const split = setup(TARGET_ONLY);
      const delivery = new TargetSplitDelivery(split.plan, [ownership]);
      const worker = workerSlice(delivery);
      // Workers' slices first: slices own disjoint targets, so their order does not matter.
      worker(1);
      worker(0);
      delivery.runSlice(0);
      expect([...split.v]).toEqual([...whole.v]);
      expect([...whole.v]).not.toEqual([...setup(TARGET_ONLY).v]);
      // A late worker's slice run by the calling thread gives the same.
      const claimed = setup(TARGET_ONLY);
      const late = new TargetSplitDelivery(claimed.plan, [ownership]);
      for (const slice of [2, 0, 1]) late.runSlice(slice);
      expect([...claimed.v]).toEqual([...whole.v]);
    });
  }

  test('refuses what one thread per target cannot keep in order, and arrays not in shared memory', () => {
    const plastic = onPre(['v = v * 0.5 + w', 'w = w * 0.9'], ['w'], ['v']);
    const { plan } = setup(plastic);
    expect(splitDeliveryObstacle(plan, [OWNERSHIPS.element!])).toMatch(/sets synapse variables/);
    expect(() => new TargetSplitDelivery(plan, [OWNERSHIPS.element!])).toThrow(/sets synapse variables/);
    // Column owners keep every row of a synapse on one thread.
    expect(splitDeliveryObstacle(plan, [OWNERSHIPS.column!])).toBeNull();
    const local = setup(TARGET_ONLY).plan;
    const unshared = {
      ...local,
      projections: [{ ...local.projections[0]!, spikes: Uint32Array.of(0) }],
    };
    expect(splitDeliveryObstacle(unshared, [OWNERSHIPS.element!])).toMatch(/not shared/);
    expect(splitDeliveryObstacle(local, [])).toMatch(/no ownership/);
  });
});
