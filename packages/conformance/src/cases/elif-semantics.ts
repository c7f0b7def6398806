import { check, checkClose, checkEqual } from '../assert.js';
import type { SuiteCase } from '../suite-types.js';
import { voltageTolerance } from '../tolerance.js';
import { ELIF_DEFAULTS, elifEulerStep, interSpikeIntervals } from './elif-formula.js';

const group = 'ELIF step semantics';

/** The seed's per-step order, one case per step (a)–(g), plus the refractory length in both modes. */
export const ELIF_SEMANTICS_CASES: SuiteCase[] = [
  {
    id: 'elif.initial-state',
    group,
    title: 'starts at v = resetPot with no spikes, traces or refractory state',
    async run({ elif, read }) {
      const population = elif({ n: 3, batchSize: 2, resetPot: [-62, -65, -70] });
      checkClose(await read(population, 'v'), [-62, -65, -70, -62, -65, -70], 0, 'v');
      checkClose(await read(population, 's'), [0, 0, 0, 0, 0, 0], 0, 's');
      checkClose(await read(population, 'traces'), [0, 0, 0, 0, 0, 0], 0, 'traces');
      checkClose(await read(population, 'refractory'), [0, 0, 0, 0, 0, 0], 0, 'refractory');
    },
  },
  {
    id: 'elif.integrate',
    group,
    title: '(a) integrates the ELIF equation with forward Euler',
    async run({ elif, read, dtype }) {
      const inputs = [0, 0.03, 0.049, -0.2];
      const population = elif({ n: inputs.length });
      let expected = inputs.map(() => ELIF_DEFAULTS.resetPot);
      for (let step = 0; step < 20; step++) {
        population.forward(inputs);
        expected = expected.map((v, i) => elifEulerStep(v, inputs[i]!, 0.1));
        checkClose(await read(population, 'v'), expected, voltageTolerance(dtype), `v after step ${step}`);
      }
    },
  },
  {
    id: 'elif.refractory-freeze',
    group,
    title: '(a) holds v while refractory, then integrates again',
    async run({ elif, read, dtype }) {
      const population = elif({ n: 1, refracLength: 1 });
      let spiked = false;
      for (let step = 0; step < 30 && !spiked; step++) {
        population.forward(10);
        spiked = (await read(population, 's'))[0] === 1;
      }
      check(spiked, 'a neuron driven with 10 nA spikes within 30 steps');
      for (let frozen = 0; frozen < 10; frozen++) {
        population.forward(10);
        checkClose(await read(population, 'v'), [-62], 0, `v on refractory step ${frozen + 1} of 10`);
      }
      population.forward(10);
      checkClose(
        await read(population, 'v'),
        [elifEulerStep(-62, 10, 0.1)],
        voltageTolerance(dtype),
        'v after the period',
      );
    },
  },
  {
    id: 'elif.spike-at-threshold',
    group,
    title: '(b) spikes when v reaches the threshold exactly (v >= threshold)',
    async run({ elif, read }) {
      const probe = elif({ n: 1 });
      probe.forward(0.5);
      const reached = (await read(probe, 'v'))[0]!;
      const atThreshold = elif({ n: 2, threshold: [reached, reached + 1e-3] });
      atThreshold.forward(0.5);
      checkClose(await read(atThreshold, 's'), [1, 0], 0, 's with threshold at and just above the reached v');
    },
  },
  {
    id: 'elif.spike-while-refractory',
    group,
    title: '(b) checks the threshold also while refractory',
    async run({ elif, read }) {
      // resetPot above the threshold: the frozen v stays above it, so the neuron spikes on every step.
      const population = elif({ n: 1, resetPot: -50, threshold: -52 });
      for (let step = 0; step < 5; step++) {
        population.forward(0);
        checkClose(await read(population, 's'), [1], 0, `s on step ${step}`);
      }
    },
  },
  {
    id: 'elif.refractory-steps',
    group,
    title: '(c) "steps" mode freezes exactly ceil(refracLength/dt) steps: 50 at 5/0.1, 40 at 2/0.05',
    async run({ elif }) {
      for (const [refracLength, dt, frozen] of [
        [5, 0.1, 50],
        [2, 0.05, 40],
        [0, 0.1, 0],
      ] as const) {
        const population = elif({ n: 1, refracLength, dt, refractory: 'steps' });
        const result = await population.runAsync(400, { input: 1000 });
        const intervals = interSpikeIntervals(result.spikes!, 400, 1);
        check(intervals.length >= 3, `at least 4 spikes with refracLength ${refracLength}`);
        for (const interval of intervals)
          checkEqual(interval, frozen + 1, `interspike interval (${refracLength} ms at dt ${dt})`);
      }
    },
  },
  {
    id: 'elif.refractory-seed',
    group,
    title: '(c) "seed" mode counts down in float32 as the seed does: 51 steps at 5/0.1, 41 at 2/0.05',
    async run({ elif }) {
      for (const [refracLength, dt, frozen] of [
        [5, 0.1, 51],
        [2, 0.05, 41],
      ] as const) {
        const population = elif({ n: 1, refracLength, dt, refractory: 'seed' });
        const result = await population.runAsync(400, { input: 1000 });
        const intervals = interSpikeIntervals(result.spikes!, 400, 1);
        check(intervals.length >= 3, `at least 4 spikes with refracLength ${refracLength}`);
        for (const interval of intervals)
          checkEqual(interval, frozen + 1, `interspike interval (${refracLength} ms at dt ${dt})`);
      }
    },
  },
  {
    id: 'elif.reset',
    group,
    title: '(d) resets v to resetPot (per neuron) where it spiked',
    async run({ elif, read }) {
      const population = elif({ n: 3, resetPot: [-62, -70, -58] });
      population.forward([1000, 1000, 0]);
      checkClose(await read(population, 's'), [1, 1, 0], 0, 's');
      const v = await read(population, 'v');
      checkClose(v.slice(0, 2), [-62, -70], 0, 'v of the neurons that spiked');
      check(v[2]! !== -58, 'v of the neuron that did not spike moved');
    },
  },
  {
    id: 'elif.lower-bound',
    group,
    title: '(e) clamps v from below after the reset; no clamp when lowerBound is null',
    async run({ elif, read }) {
      const clamped = elif({ n: 2, resetPot: -70, lowerBound: -65 });
      clamped.forward([1000, -50]);
      checkClose(
        await read(clamped, 'v'),
        [-65, -65],
        0,
        'v after a spike (reset below the bound) and a strong negative input',
      );
      const free = elif({ n: 1, resetPot: -70 });
      free.forward(-50);
      check((await read(free, 'v'))[0]! < -70, 'without lowerBound v goes below the reset potential');
    },
  },
  {
    id: 'elif.traces-set',
    group,
    title: '(f) non-additive traces: decay by exp(-dt/traceTau), set to 1 on a spike',
    async run({ elif, read, dtype }) {
      const population = elif({ n: 2, traceTau: [10, 5] });
      population.forward([1000, 1000]);
      checkClose(await read(population, 'traces'), [1, 1], 0, 'traces on the spike step');
      for (let step = 1; step <= 5; step++) {
        population.forward([0, 0]);
        const expected = [Math.exp((-0.1 * step) / 10), Math.exp((-0.1 * step) / 5)];
        checkClose(
          await read(population, 'traces'),
          expected,
          dtype === 'float32' ? 1e-6 : 1e-12,
          `traces ${step} steps later`,
        );
      }
    },
  },
  {
    id: 'elif.traces-additive',
    group,
    title: '(f) additive traces: decay, then add traceScale on each spike',
    async run({ elif, read, dtype }) {
      const population = elif({
        n: 1,
        additiveSpikeTrace: true,
        traceScale: 0.5,
        resetPot: -50,
        threshold: -52,
      });
      let expected = 0;
      for (let step = 0; step < 4; step++) {
        population.forward(0); // spikes on every step (reset above threshold)
        expected = expected * Math.exp(-0.1 / 10) + 0.5;
        checkClose(
          await read(population, 'traces'),
          [expected],
          dtype === 'float32' ? 1e-6 : 1e-12,
          `traces after step ${step}`,
        );
      }
    },
  },
  {
    id: 'elif.sum-input',
    group,
    title: '(g) sumInput accumulates the input',
    async run({ elif, read }) {
      const population = elif({ n: 2, batchSize: 2, sumInput: true });
      population.forward([1, 2]);
      population.forward([0.5, 0.25, 1, -1]);
      checkClose(await read(population, 'summedInput'), [1.5, 2.25, 2, 1], 0, 'summedInput');
    },
  },
  {
    id: 'elif.exp-overflow',
    group,
    title: 'exp overflow with a huge threshold: the neuron spikes and resets, and no NaN enters state',
    async run({ elif, read }) {
      const population = elif({ n: 1, threshold: 1e30 });
      let sawInfinity = false;
      let spikes = 0;
      for (let step = 0; step < 300; step++) {
        population.forward(10);
        const v = (await read(population, 'v'))[0]!;
        check(!Number.isNaN(v), `v is not NaN at step ${step}`);
        const [s] = await read(population, 's');
        if (s === 1) {
          spikes++;
          checkEqual(v, -62, `v after the spike at step ${step}`);
        }
        if (v === Number.POSITIVE_INFINITY) sawInfinity = true;
        const traces = await read(population, 'traces');
        check(!Number.isNaN(traces[0]!), `traces are not NaN at step ${step}`);
      }
      check(spikes >= 2, `the neuron spikes through the overflow (got ${spikes} spikes)`);
      check(!sawInfinity, 'no Infinity survives a step: it is reset on the step it appears');
    },
  },
];
