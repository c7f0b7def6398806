import { checkIdentical } from '../assert.js';
import type { SuiteCase } from '../suite-types.js';

const group = 'invariances';
const STEPS = 300;
const INPUTS = [
  [0.04, 0.06, 0.3, 2],
  [0.1, 0.5, 1, 10],
  [-1, 0.051, 0.2, 5],
];

/** Properties every backend must keep bit for bit: batching, per-neuron parameters, run vs forward, reset. */
export const ELIF_INVARIANCE_CASES: SuiteCase[] = [
  {
    id: 'invariance.batch-rows',
    group,
    title: 'a batch of B rows equals B separate populations',
    async run({ elif, read }) {
      const batched = elif({ n: 4, batchSize: 3 });
      const rows = INPUTS.map(() => elif({ n: 4 }));
      for (let step = 0; step < STEPS; step++) {
        batched.forward(INPUTS.flat());
        for (const [r, row] of rows.entries()) row.forward(INPUTS[r]!);
      }
      const v = await read(batched, 'v');
      for (const [r, row] of rows.entries())
        checkIdentical(v.slice(r * 4, r * 4 + 4), await read(row, 'v'), `v of batch row ${r}`);
    },
  },
  {
    id: 'invariance.per-neuron-parameters',
    group,
    title: 'per-neuron parameters equal separate populations with scalar parameters',
    async run({ elif, read }) {
      const taus = [5, 10, 20];
      const thresholds = [-55, -52, -50];
      const mixed = elif({ n: 3, tau: taus, threshold: thresholds, traceTau: [3, 10, 30] });
      const single = taus.map((tau, i) =>
        elif({ n: 1, tau, threshold: thresholds[i]!, traceTau: [3, 10, 30][i]! }),
      );
      for (let step = 0; step < STEPS; step++) {
        mixed.forward(0.6);
        for (const population of single) population.forward(0.6);
      }
      for (const name of ['v', 'traces', 'refractory']) {
        const all = await read(mixed, name);
        for (const [i, population] of single.entries())
          checkIdentical([all[i]!], await read(population, name), `${name} of neuron ${i}`);
      }
    },
  },
  {
    id: 'invariance.run-equals-forward',
    group,
    title: 'run(T) equals T calls of forward, and its recordings equal the state after each step',
    async run({ elif, read }) {
      const stepped = elif({ n: 4, batchSize: 3 });
      const ran = elif({ n: 4, batchSize: 3 });
      const vAfter: number[][] = [];
      for (let step = 0; step < STEPS; step++) {
        stepped.forward(INPUTS.flat());
        if (step % 7 === 0) vAfter.push(await read(stepped, 'v'));
      }
      const result = await ran.runAsync(STEPS, { input: INPUTS.flat(), record: ['v'], stride: 7 });
      for (const name of ['v', 's', 'traces', 'refractory'])
        checkIdentical(await read(ran, name), await read(stepped, name), name);
      checkIdentical(Array.from(result.recorded.v!), vAfter.flat(), 'recorded v (stride 7)');
    },
  },
  {
    id: 'invariance.deterministic',
    group,
    title: 'the same run twice is bit-identical, and two populations do not interfere',
    async run({ elif, read }) {
      const first = elif({ n: 4, batchSize: 3 });
      const second = elif({ n: 4, batchSize: 3, tau: 7 });
      const third = elif({ n: 4, batchSize: 3 });
      for (let step = 0; step < STEPS; step++) {
        first.forward(INPUTS.flat());
        second.forward(1);
        third.forward(INPUTS.flat());
      }
      checkIdentical(await read(first, 'v'), await read(third, 'v'), 'v of two identical runs');
    },
  },
  {
    id: 'invariance.reset',
    group,
    title: 'reset() restores the initial state, and the rerun repeats the first',
    async run({ elif, read }) {
      const population = elif({ n: 4, batchSize: 3, sumInput: true });
      const first = await population.runAsync(STEPS, { input: INPUTS.flat() });
      population.reset();
      checkIdentical(await read(population, 'v'), new Array(12).fill(-62), 'v after reset');
      for (const name of ['s', 'traces', 'refractory', 'summedInput']) {
        checkIdentical(await read(population, name), new Array(12).fill(0), `${name} after reset`);
      }
      const second = await population.runAsync(STEPS, { input: INPUTS.flat() });
      checkIdentical(second.spikes!, first.spikes!, 'spikes of the rerun');
    },
  },
  {
    id: 'invariance.set-batch-size',
    group,
    title: 'setBatchSize re-allocates and resets the state',
    async run({ elif, read }) {
      const population = elif({ n: 4 });
      population.forward(1);
      population.setBatchSize(3);
      checkIdentical(await read(population, 'v'), new Array(12).fill(-62), 'v after setBatchSize(3)');
      population.forward(INPUTS.flat());
      const reference = elif({ n: 4, batchSize: 3 });
      reference.forward(INPUTS.flat());
      checkIdentical(
        await read(population, 'v'),
        await read(reference, 'v'),
        'v one step after setBatchSize',
      );
    },
  },
];
