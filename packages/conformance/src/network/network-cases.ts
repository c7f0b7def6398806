import { CUBA_LIF_MODEL, type Dtype, type Network } from '@synapticflow/core';
import { seededRandom } from '../random.js';
import { runNetwork } from './network-api.js';
import { COUNTER_NEURON, TALLY_NEURON } from './network-models.js';
import { type Recorded, requireIdentical } from './recorded.js';

/** A case of the network suite: a scenario, what it records, and the checks on the recording. */
export interface NetworkCase {
  id: string;
  title: string;
  /** Builds and runs the scenario on a network, returning what it recorded. */
  record(make: (options: { dt: number; batchSize?: number }) => Network, dtype: Dtype): Promise<Recorded>;
  /** Hand-computed values some of the recorded arrays must equal exactly. */
  expected?(dtype: Dtype): Recorded;
  /** Checks within the backend's own runs (reset, split runs, batch rows), given its recording. */
  selfCheck?(
    make: (options: { dt: number; batchSize?: number }) => Network,
    dtype: Dtype,
    first: Recorded,
  ): Promise<void>;
  /** How far recorded state may differ from the reference backend's (default 0: bit for bit). */
  stateTolerance?(dtype: Dtype): number;
}

/** dt = 0.125 ms: a power of two, so that the counter neurons' arithmetic is exact. */
const EXACT_DT = 0.125;

const steps = (k: number) => ({ steps: k });

/**
 * Schedule: an event with delay 0 lands in the step it is emitted, after the threshold (the target spikes one
 * step later) and before the reset (a neuron spiking in that step loses it). Sources: 0 at step 3 onto neuron
 * 0 (w 1); 1 at step 2 (w 1) and 2 at step 3 (w 0.5) onto neuron 1.
 */
const scheduleOrder: NetworkCase = {
  id: 'network.schedule-order',
  title: 'a delay-0 event lands after the threshold and before the reset of its step',
  async record(make) {
    const network = make({ dt: EXACT_DT });
    const source = network.spikeSource({
      n: 3,
      spikes: [
        [2, 1],
        [3, 0],
        [3, 2],
      ],
    });
    const target = network.population(COUNTER_NEURON, { n: 2, input: 0 });
    network.connect(source, target, {
      synapse: { variables: { w: {} }, onPre: 'v += w' },
      connector: { kind: 'explicit', i: [0, 1, 2], j: [0, 1, 1] },
      w: [1, 1, 0.5],
      delay: 0,
    });
    const spikes = network.spikeMonitor(target);
    const state = network.stateMonitor(target, ['v']);
    await runNetwork(network, steps(6));
    const out = { spikeSteps: spikes.steps, spikeIndices: spikes.indices, v: state.values('v') };
    network.dispose();
    return out;
  },
  expected: () => ({
    spikeSteps: [3, 4],
    spikeIndices: [1, 0],
    // After steps 0..5: neuron 0 gets 1 at step 3 and spikes at 4; neuron 1 gets 1 at step 2, spikes at 3,
    // where the reset erases the 0.5 that lands in the same step.
    v: [0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0],
  }),
};

/** Delays in ms and the steps Brian2 2.5 makes of them at dt 0.1 ms (measured; fixtures/networks/README.md). */
const DELAYS_MS = [0, 0.04, 0.05, 0.1, 0.15, 0.25, 0.35, 0.7, 2.3];
const DELAY_STEPS = [0, 0, 1, 1, 1, 3, 4, 7, 23];
const EMITTED_AT = 2;

const delays: NetworkCase = {
  id: 'network.delays',
  title: 'delays 0, 1 and k steps, fractional ones rounded as Brian2 rounds them',
  async record(make) {
    const network = make({ dt: 0.1 });
    const source = network.spikeSource({ n: 1, spikes: [[EMITTED_AT, 0]] });
    const target = network.population(TALLY_NEURON, { n: DELAYS_MS.length });
    network.connect(source, target, {
      synapse: { onPre: 'x += 1' },
      connector: { kind: 'all-to-all' },
      delay: DELAYS_MS,
    });
    const state = network.stateMonitor(target, ['x']);
    await runNetwork(network, steps(30));
    const x = state.values('x');
    network.dispose();
    // The step each neuron's x first became 1.
    const landed = DELAYS_MS.map((_, j) => {
      for (let k = 0; k < 30; k++) if (x[k * DELAYS_MS.length + j] === 1) return k;
      return -1;
    });
    return { landed, x };
  },
  expected: () => ({ landed: DELAY_STEPS.map((d) => EMITTED_AT + d) }),
};

/**
 * Several events onto one target in one step, summed in the documented order (projections in creation order,
 * then emission step, oldest first, then synapse index) with weights big, -big, 1 where big + 1 rounds to big:
 * that order gives 1, any order adding 1 before the two big ones cancel gives 0.
 */
const deliveryOrder: NetworkCase = {
  id: 'network.delivery-order',
  title: 'events landing together are summed in the documented order (order-sensitive sum)',
  async record(make, dtype) {
    const big = dtype === 'float64' ? 2 ** 54 : 2 ** 25;
    const network = make({ dt: 0.1 });
    // Target 0: one projection, sources 0, 1, 2 at step 5, delay 0: synapse order gives big, -big, 1.
    // Target 1: sources 3, 4, 5 emit at steps 5, 4, 3 with delays 0, 1, 2 steps (weights 1, -big, big):
    //   oldest first gives big, -big, 1; synapse order would give 1, -big, big = 0.
    // Target 2: three projections created with weights big, -big, 1, from sources 8, 7, 6 at step 5.
    const source = network.spikeSource({
      n: 9,
      spikes: [
        [3, 5],
        [4, 4],
        [5, 0],
        [5, 1],
        [5, 2],
        [5, 3],
        [5, 6],
        [5, 7],
        [5, 8],
      ],
    });
    const target = network.population(TALLY_NEURON, { n: 3 });
    const synapse = { variables: { w: {} }, onPre: 'x += w' };
    network.connect(source, target, {
      synapse,
      connector: { kind: 'explicit', i: [0, 1, 2, 3, 4, 5], j: [0, 0, 0, 1, 1, 1] },
      w: [big, -big, 1, 1, -big, big],
      delay: [0, 0, 0, 0, 0.1, 0.2],
    });
    for (const [i, w] of [
      [8, big],
      [7, -big],
      [6, 1],
    ] as const)
      network.connect(source, target, {
        synapse,
        connector: { kind: 'explicit', i: [i], j: [2] },
        w,
        delay: 0,
      });
    const state = network.stateMonitor(target, ['x']);
    await runNetwork(network, steps(6));
    const x = state.values('x');
    network.dispose();
    return { x: Array.from(x.subarray(5 * 3, 6 * 3)) };
  },
  expected: () => ({ x: [1, 1, 1] }),
};

/** Counter neurons with inputs 0, 1, 2, 4 and 8 /ms at dt 0.125: v grows 0, 1/8, 1/4, 1/2, 1 per step. */
const COUNTER_INPUTS = [0, 1, 2, 4, 8];
const MONITOR_STEPS = 20;

function counterSpikes(): { steps: number[]; indices: number[] } {
  const out = { steps: [] as number[], indices: [] as number[] };
  for (let k = 0; k < MONITOR_STEPS; k++) {
    COUNTER_INPUTS.forEach((input, j) => {
      const period = input === 0 ? 0 : 8 / input;
      if (period > 0 && (k + 1) % period === 0) {
        out.steps.push(k);
        out.indices.push(j);
      }
    });
  }
  return out;
}

const monitors: NetworkCase = {
  id: 'network.monitors',
  title: 'spike, state (with stride and indices) and rate monitors record what happened',
  async record(make) {
    const network = make({ dt: EXACT_DT });
    const group = network.population(COUNTER_NEURON, { n: COUNTER_INPUTS.length, input: COUNTER_INPUTS });
    const spikes = network.spikeMonitor(group);
    const strided = network.stateMonitor(group, ['v'], { indices: [4, 2], stride: 3 });
    const rate = network.rateMonitor(group);
    await runNetwork(network, steps(MONITOR_STEPS));
    const out = {
      spikeSteps: spikes.steps,
      spikeIndices: spikes.indices,
      ofGroupSteps: spikes.ofGroup(group).steps,
      spikeCount: [spikes.count],
      stridedSteps: strided.steps,
      stridedV: strided.values('v'),
      rateCounts: rate.counts,
      rates: rate.rates,
    };
    network.dispose();
    return out;
  },
  expected: () => {
    const spikes = counterSpikes();
    const stridedSteps = Array.from({ length: Math.ceil(MONITOR_STEPS / 3) }, (_, r) => r * 3);
    // v after step k of a neuron with period p: ((k + 1) mod p) / p.
    const vAfter = (j: number, k: number) => {
      const p = 8 / COUNTER_INPUTS[j]!;
      return ((k + 1) % p) / p;
    };
    const counts = Array.from(
      { length: MONITOR_STEPS },
      (_, k) => spikes.steps.filter((s) => s === k).length,
    );
    return {
      spikeSteps: spikes.steps,
      spikeIndices: spikes.indices,
      ofGroupSteps: spikes.steps,
      spikeCount: [spikes.steps.length],
      stridedSteps,
      stridedV: stridedSteps.flatMap((k) => [vAfter(4, k), vAfter(2, k)]),
      rateCounts: counts,
      rates: counts.map((c) => c / (COUNTER_INPUTS.length * EXACT_DT * 1e-3)),
    };
  },
};

/** A small CUBA-like network with heterogeneous delays: 80 excitatory and 20 inhibitory cells. */
const SMALL_N = 100;
const SMALL_EXC = 80;
const SMALL_STEPS = 200;

/** With `uniformDelays`, excitatory synapses all wait 2 steps and inhibitory ones none (one delay each). */
function smallNetwork(network: Network, batchSize: number, initialV?: number[], uniformDelays = false) {
  const v0 = initialV ?? smallInitialV(batchSize);
  const random = seededRandom(20071);
  const group = network.population(CUBA_LIF_MODEL, { n: SMALL_N, init: { v: v0 } });
  for (const [first, end, variable, w] of [
    [0, SMALL_EXC, 'ge', 3],
    [SMALL_EXC, SMALL_N, 'gi', -12],
  ] as const) {
    const i: number[] = [];
    const j: number[] = [];
    const delay: number[] = [];
    for (let s = first; s < end; s++) {
      for (let t = 0; t < SMALL_N; t++) {
        if (t === s || random() >= 0.1) continue;
        i.push(s);
        j.push(t);
        delay.push(Math.floor(random() * 20) / 10);
      }
    }
    network.connect(group, group, {
      synapse: { variables: { w: {} }, onPre: `${variable} += w` },
      connector: { kind: 'explicit', i, j },
      w,
      delay: uniformDelays ? (variable === 'ge' ? 0.2 : 0) : delay,
    });
  }
  return { group, v0 };
}

/** Initial v uniform in [Vr, Vt), every row its own. */
function smallInitialV(batchSize: number): number[] {
  const random = seededRandom(20070);
  return Array.from({ length: batchSize * SMALL_N }, () => -60 + 10 * random());
}

async function recordSmall(
  network: Network,
  durations: readonly number[],
  batchSize = 1,
  initialV?: number[],
  uniformDelays = false,
): Promise<Recorded> {
  const { group } = smallNetwork(network, batchSize, initialV, uniformDelays);
  const spikes = network.spikeMonitor(group);
  // Stride 1: a state monitor's stride counts from the start of each run, so split runs would record other steps.
  const state = network.stateMonitor(group, ['v', 'ge', 'gi'], { indices: [0, 17, 85] });
  for (const d of durations) await runNetwork(network, steps(d));
  return {
    spikeSteps: spikes.steps,
    spikeRows: spikes.rows,
    spikeIndices: spikes.indices,
    v: state.values('v'),
    ge: state.values('ge'),
    gi: state.values('gi'),
    finalV: Float64Array.from(network.state(group, 'v')),
  };
}

const smallNetworkTolerance = (dtype: Dtype) => (dtype === 'float64' ? 1e-9 : 1e-3);

const resetRepeats: NetworkCase = {
  id: 'network.reset-repeats',
  title: 'reset() and a second run repeat the first run bit for bit (events in flight dropped)',
  async record(make) {
    const network = make({ dt: 0.1 });
    const out = await recordSmall(network, [SMALL_STEPS]);
    network.dispose();
    return out;
  },
  async selfCheck(make, _dtype, first) {
    const network = make({ dt: 0.1 });
    const { group } = smallNetwork(network, 1);
    const spikes = network.spikeMonitor(group);
    const state = network.stateMonitor(group, ['v', 'ge', 'gi'], { indices: [0, 17, 85] });
    // Stop mid-run with events in flight, reset, then run the whole length.
    await runNetwork(network, steps(123));
    network.reset();
    if (network.stepCount !== 0) throw new Error(`stepCount is ${network.stepCount} after reset(), not 0`);
    await runNetwork(network, steps(SMALL_STEPS));
    const again: Recorded = {
      spikeSteps: spikes.steps,
      spikeRows: spikes.rows,
      spikeIndices: spikes.indices,
      v: state.values('v'),
      ge: state.values('ge'),
      gi: state.values('gi'),
      finalV: Float64Array.from(network.state(group, 'v')),
    };
    network.dispose();
    requireIdentical(again, first, 'after reset()', 'the first run');
  },
  stateTolerance: smallNetworkTolerance,
};

const splitRuns: NetworkCase = {
  id: 'network.split-runs',
  title: 'run(a) then run(b) equals run(a + b), with events in flight across the boundary',
  async record(make) {
    const network = make({ dt: 0.1 });
    const out = await recordSmall(network, [SMALL_STEPS]);
    network.dispose();
    return out;
  },
  async selfCheck(make, _dtype, whole) {
    for (const parts of [
      [50, SMALL_STEPS - 50],
      [1, 13, SMALL_STEPS - 14],
      [120, SMALL_STEPS - 120],
    ]) {
      const network = make({ dt: 0.1 });
      const split = await recordSmall(network, parts);
      network.dispose();
      requireIdentical(split, whole, `runs of ${parts.join(' + ')} steps`, `one run of ${SMALL_STEPS}`);
    }
  },
  stateTolerance: smallNetworkTolerance,
};

const BATCH = 3;

/** Batch rows equal one-row networks; with `uniformDelays`, every projection has one delay. */
function batchRowsCase(uniformDelays: boolean): NetworkCase {
  return {
    id: uniformDelays ? 'network.batch-rows-one-delay' : 'network.batch-rows',
    title: uniformDelays
      ? 'batch rows are independent with one delay per projection (delivery by spike lists)'
      : 'batch rows are independent: each row equals a one-row network from its initial state',
    async record(make) {
      const network = make({ dt: 0.1, batchSize: BATCH });
      const out = await recordSmall(network, [SMALL_STEPS], BATCH, undefined, uniformDelays);
      network.dispose();
      return out;
    },
    async selfCheck(make, _dtype, batch) {
      const v0 = smallInitialV(BATCH);
      const recorded = 3; // neurons the state monitor records
      const rowsOfBatch = (name: string, row: number) => {
        const values = batch[name]!;
        const out: number[] = [];
        for (let r = 0; r < values.length / (BATCH * recorded); r++)
          for (let k = 0; k < recorded; k++) out.push(values[(r * BATCH + row) * recorded + k]!);
        return out;
      };
      for (let row = 0; row < BATCH; row++) {
        const network = make({ dt: 0.1 });
        const single = await recordSmall(
          network,
          [SMALL_STEPS],
          1,
          v0.slice(row * SMALL_N, (row + 1) * SMALL_N),
          uniformDelays,
        );
        network.dispose();
        const mine = (q: number) => batch.spikeRows![q] === row;
        const picked = (name: string) => Array.from(batch[name]!).filter((_, q) => mine(q));
        requireIdentical(
          {
            spikeSteps: picked('spikeSteps'),
            spikeIndices: picked('spikeIndices'),
            v: rowsOfBatch('v', row),
            ge: rowsOfBatch('ge', row),
            gi: rowsOfBatch('gi', row),
            finalV: Array.from(batch.finalV!).slice(row * SMALL_N, (row + 1) * SMALL_N),
          },
          {
            spikeSteps: single.spikeSteps!,
            spikeIndices: single.spikeIndices!,
            v: single.v!,
            ge: single.ge!,
            gi: single.gi!,
            finalV: single.finalV!,
          },
          `batch row ${row}`,
          'a one-row network',
        );
      }
    },
    stateTolerance: smallNetworkTolerance,
  };
}

const batchRows = batchRowsCase(false);
const batchRowsOneDelay = batchRowsCase(true);

/**
 * As `network.delivery-order` with one delay per projection: several events onto one target in one step, from
 * one projection in synapse order and from three projections in creation order (delays 0, 0 and 1 step),
 * weights big, -big and 1 where big + 1 rounds to big, so that the documented order and any other differ.
 */
const deliveryOrderOneDelay: NetworkCase = {
  id: 'network.delivery-order-one-delay',
  title: 'events landing together are summed in the documented order, one delay per projection',
  async record(make, dtype) {
    const big = dtype === 'float64' ? 2 ** 54 : 2 ** 25;
    const network = make({ dt: 0.1 });
    // Target 0: sources 0, 1, 2 at step 5 through one projection (synapse order big, -big, 1).
    // Target 1: source 3 (big) and 4 (-big) at step 5 through the first projection, source 5 at step 4
    //   through the third (delay 1 step, weight 1): creation order gives big, -big, 1 = 1 (reversed: 0).
    // Target 2: sources 7 (-big) and 8 (1) at step 5 through the first projection, then source 6 (big)
    //   through the second: -big, 1, big = 0 (reversed: big, -big, 1 = 1).
    const source = network.spikeSource({
      n: 9,
      spikes: [
        [4, 5],
        [5, 0],
        [5, 1],
        [5, 2],
        [5, 3],
        [5, 4],
        [5, 6],
        [5, 7],
        [5, 8],
      ],
    });
    const target = network.population(TALLY_NEURON, { n: 3 });
    const synapse = { variables: { w: {} }, onPre: 'x += w' };
    network.connect(source, target, {
      synapse,
      connector: { kind: 'explicit', i: [0, 1, 2, 3, 4, 7, 8], j: [0, 0, 0, 1, 1, 2, 2] },
      w: [big, -big, 1, big, -big, -big, 1],
      delay: 0,
    });
    network.connect(source, target, {
      synapse,
      connector: { kind: 'explicit', i: [6], j: [2] },
      w: big,
      delay: 0,
    });
    network.connect(source, target, {
      synapse,
      connector: { kind: 'explicit', i: [5], j: [1] },
      w: 1,
      delay: 0.1,
    });
    const state = network.stateMonitor(target, ['x']);
    await runNetwork(network, steps(6));
    const x = state.values('x');
    network.dispose();
    return { x: Array.from(x.subarray(5 * 3, 6 * 3)) };
  },
  expected: () => ({ x: [1, 1, 0] }),
};

/** Every case of the network suite, in the order they are registered. */
export const NETWORK_CASES: readonly NetworkCase[] = [
  scheduleOrder,
  delays,
  deliveryOrder,
  deliveryOrderOneDelay,
  monitors,
  resetRepeats,
  splitRuns,
  batchRows,
  batchRowsOneDelay,
];
