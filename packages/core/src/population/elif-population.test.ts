import { describe, expect, test } from 'vitest';
import type { Dtype } from '../backend.js';
import { interpreterBackend, type StatementEvent } from '../reference/interpreter-backend.js';
import { ELIF_DEFAULTS, type ElifValues, elifIntegrate, rounder } from '../testing/elif-reference.js';
import { ELIFPopulation, type ELIFPopulationOptions } from './elif-population.js';
import { StateError } from './population.js';

const DTYPES: Dtype[] = ['float32', 'float64'];

function elif(options: Partial<ELIFPopulationOptions> = {}): ELIFPopulation {
  return new ELIFPopulation({ n: 1, backend: interpreterBackend(), ...options });
}

/** Indices of the steps where element `i` spiked in a run's spike record. */
function spikeSteps(spikes: Uint8Array, size: number, i = 0): number[] {
  const out: number[] = [];
  for (let k = 0; k * size < spikes.length; k++) if (spikes[k * size + i]) out.push(k);
  return out;
}

const intervals = (steps: number[]) => steps.slice(1).map((k, j) => k - steps[j]!);

describe.each(DTYPES)('ELIF step semantics (%s)', (dtype) => {
  const r = rounder(dtype);

  test('starts at resetPot, not spiking, not refractory, no trace', () => {
    const pop = elif({ dtype, n: 2, resetPot: -70, sumInput: true });
    expect(pop.stateNames).toEqual(['v', 'refractory', 's', 'traces', 'summedInput']);
    expect([...pop.v]).toEqual([-70, -70]);
    expect([...pop.s]).toEqual([0, 0]);
    expect([...pop.refractory]).toEqual([0, 0]);
    expect([...pop.traces]).toEqual([0, 0]);
    expect([...pop.state('summedInput')]).toEqual([0, 0]);
    expect(pop.v).toBeInstanceOf(dtype === 'float32' ? Float32Array : Float64Array);
    expect(pop.s).toBeInstanceOf(Uint8Array);
    expect(pop.stepCount).toBe(0);
    expect(pop.dtype).toBe(dtype);
  });

  test('(a) integrates v += (R*x + restPot - v + deltaT*exp((v - thetaRh)/deltaT)) / tau * dt', () => {
    const pop = elif({ dtype });
    const inputs = [0.5, 0.4, 0.45, 0.3, 0, -0.2, 0.1, 0.55, 0.05, 0.25];
    let v = -62;
    for (const x of inputs) {
      pop.forward(x);
      v = elifIntegrate(v, x, ELIF_DEFAULTS, 0.1, dtype);
      expect(pop.v[0]).toBe(v);
      expect(pop.s[0]).toBe(0);
      expect(pop.refractory[0]).toBe(0);
    }
    // One hand-computed value, as a sanity check of the reference: x = 0.5 from -62.
    const first = elif({ dtype });
    first.forward(0.5);
    expect(first.v[0]).toBeCloseTo(-62 + ((10 + 0 + Math.exp(-2)) / 10) * 0.1, 5);
  });

  test('(a) with non-default parameters and dt', () => {
    const p: ElifValues = {
      ...ELIF_DEFAULTS,
      tau: 7,
      thetaRh: -58,
      deltaT: 2,
      restPot: -65,
      resetPot: -66,
      R: 15,
    };
    const pop = elif({ dtype, dt: 0.05, ...p });
    let v = r(-66);
    for (let k = 0; k < 30; k++) {
      const x = 0.1 * (k % 4);
      pop.forward(x);
      v = elifIntegrate(v, x, p, 0.05, dtype);
      expect(pop.v[0]).toBe(v);
    }
  });

  test('(b) spikes when v >= threshold after integrating, on the same step', () => {
    const pop = elif({ dtype });
    pop.forward(100); // v jumps from -62 past -52 in one step
    expect(pop.s[0]).toBe(1);
    expect(pop.v[0]).toBe(-62); // ... and is reset on that step
    pop.forward(0);
    expect(pop.s[0]).toBe(0); // s holds only the last step's spikes
  });

  test('(b) the spike check is >= (equality spikes)', () => {
    const v1 = elifIntegrate(-62, 0.5, ELIF_DEFAULTS, 0.1, dtype);
    const at = elif({ dtype, threshold: v1 });
    at.forward(0.5);
    expect(at.s[0]).toBe(1);
    const above = elif({ dtype, threshold: dtype === 'float32' ? v1 + 1e-5 : v1 + 1e-12 });
    above.forward(0.5);
    expect(above.s[0]).toBe(0);
    expect(above.v[0]).toBe(v1);
  });

  test('(b) the spike check also runs while refractory', () => {
    // resetPot above threshold: the frozen v is still >= threshold on every refractory step.
    const pop = elif({ dtype, resetPot: -50, threshold: -52 });
    const result = pop.run(5, { input: { constant: 0 }, record: ['refractory', 'v'] });
    expect([...result.spikes!]).toEqual([1, 1, 1, 1, 1]);
    expect([...result.recorded.refractory!]).toEqual([50, 50, 50, 50, 50]);
    expect([...result.recorded.v!]).toEqual([-50, -50, -50, -50, -50]);
  });

  test('(c) steps mode: the counter is set to 50 on the spike step, then counts down to 0', () => {
    const pop = elif({ dtype });
    pop.forward(100);
    expect(pop.refractory[0]).toBe(50);
    const counts: number[] = [];
    for (let k = 0; k < 52; k++) {
      pop.forward(100);
      counts.push(pop.refractory[0]!);
    }
    expect(counts.slice(0, 50)).toEqual(Array.from({ length: 50 }, (_, k) => 49 - k));
    expect(counts[50]).toBe(50); // free on step 51 after the spike, huge input: spikes again
  });

  test('(c) seed mode: the counter is float32(refracLength) on a spike, then float32 countdown by dt', () => {
    const f = Math.fround;
    const pop = elif({ dtype, refractory: 'seed' });
    pop.forward(100);
    expect(pop.refractory[0]).toBe(5);
    let expected = f(5);
    for (let k = 0; k < 10; k++) {
      pop.forward(0);
      expected = f(expected - f(0.1));
      expect(pop.refractory[0]).toBe(expected);
    }
    expect(pop.refractory[0]).not.toBe(4); // float32 noise: 5 - 10*0.1 is not exactly 4
  });

  test('(a)+(c) v is frozen while refractory, whatever the input', () => {
    const pop = elif({ dtype, resetPot: -70 });
    pop.forward(100);
    expect(pop.v[0]).toBe(-70);
    const result = pop.run(50, { input: { constant: 3 }, record: ['v'] });
    expect([...result.recorded.v!].every((v) => v === -70)).toBe(true);
    expect(result.spikes!.every((s) => s === 0)).toBe(true);
    pop.forward(0.5); // the first free step integrates from -70
    expect(pop.v[0]).toBe(elifIntegrate(-70, 0.5, ELIF_DEFAULTS, 0.1, dtype));
  });

  test('(d) reset to resetPot on a spike', () => {
    const pop = elif({ dtype, resetPot: -75.5, n: 2 });
    pop.forward([500, 0]);
    expect([...pop.s]).toEqual([1, 0]);
    expect(pop.v[0]).toBe(-75.5);
    expect(pop.v[1]).toBe(elifIntegrate(-75.5, 0, ELIF_DEFAULTS, 0.1, dtype));
  });

  test('(e) lowerBound clamps after the reset', () => {
    const pop = elif({ dtype, resetPot: -70, lowerBound: -65 });
    expect(pop.v[0]).toBe(-70); // the initial value is not clamped; the clamp is a step statement
    pop.forward(100);
    expect(pop.s[0]).toBe(1);
    expect(pop.v[0]).toBe(-65);
  });

  test('(e) lowerBound clamps integration below it; without it v goes lower', () => {
    const clamped = elif({ dtype, lowerBound: -63 });
    const free = elif({ dtype });
    let v = -62;
    for (let k = 0; k < 20; k++) {
      clamped.forward(-10);
      free.forward(-10);
      v = elifIntegrate(v, -10, ELIF_DEFAULTS, 0.1, dtype);
      expect(free.v[0]).toBe(v);
      expect(clamped.v[0]).toBe(Math.max(v, -63));
    }
    expect(free.v[0]).toBeLessThan(-63);
    expect(clamped.v[0]).toBe(-63);
    expect(clamped.params.get('lowerBound')).toBe(-63);
    expect(free.params.get('lowerBound')).toBeNull();
  });

  test('(f) non-additive traces: 1 on a spike, then decay by exp(-dt/traceTau)', () => {
    const traceTau = 5;
    const decay =
      dtype === 'float32'
        ? Math.fround(Math.exp(Math.fround(-Math.fround(0.1) / traceTau)))
        : Math.exp(-0.1 / traceTau);
    const pop = elif({ dtype, traceTau });
    const result = pop.run(120, { input: { constant: 100 }, record: ['traces'] });
    const spikes = spikeSteps(result.spikes!, 1);
    expect(spikes).toEqual([0, 51, 102]);
    let trace = 0;
    for (let k = 0; k < 120; k++) {
      trace = r(trace * decay);
      if (spikes.includes(k)) trace = 1;
      expect(result.recorded.traces![k]).toBe(trace);
    }
    expect(result.recorded.traces![50]).toBeCloseTo(Math.exp(-5 / traceTau), 5);
  });

  test('(f) additive traces: decay then + traceScale', () => {
    const decay =
      dtype === 'float32' ? Math.fround(Math.exp(Math.fround(-Math.fround(0.1) / 10))) : Math.exp(-0.1 / 10);
    const pop = elif({ dtype, additiveSpikeTrace: true, traceScale: 0.5 });
    const result = pop.run(110, { input: { constant: 100 }, record: ['traces'] });
    const spikes = spikeSteps(result.spikes!, 1);
    expect(spikes).toEqual([0, 51, 102]);
    let trace = 0;
    for (let k = 0; k < 110; k++) {
      trace = r(trace * decay);
      if (spikes.includes(k)) trace = r(trace + r(0.5));
      expect(result.recorded.traces![k]).toBe(trace);
    }
    expect(result.recorded.traces![0]).toBe(0.5);
    expect(result.recorded.traces![51]).toBeGreaterThan(0.5);
  });

  test('(f) traces can be turned off', () => {
    const pop = elif({ dtype, spikeTrace: false });
    expect(pop.stateNames).toEqual(['v', 'refractory', 's']);
  });

  test('(g) sumInput accumulates the input of each element', () => {
    const pop = elif({ dtype, n: 2, batchSize: 2, sumInput: true });
    let sums = [0, 0, 0, 0];
    const inputs = [
      [0.1, 0.2, 0.3, 0.4],
      [1, 1, 1, 1],
      [-0.5, 0.25, 0, 2],
    ];
    for (const x of inputs) {
      pop.forward(x);
      sums = sums.map((s, i) => r(s + r(x[i]!)));
    }
    expect([...pop.state('summedInput')]).toEqual(sums);
    let tenth = 0;
    const tenths = elif({ dtype, sumInput: true });
    for (let k = 0; k < 10; k++) {
      tenths.forward(0.1);
      tenth = r(tenth + r(0.1));
    }
    expect(tenths.state('summedInput')[0]).toBe(tenth);
  });

  test.each([
    ['steps', 5, 0.1, 50],
    ['steps', 2, 0.05, 40],
    ['seed', 5, 0.1, 51],
    ['seed', 2, 0.05, 41],
  ] as const)(
    'refractory %s mode at %s ms / dt %s freezes exactly %s steps',
    (mode, refracLength, dt, frozen) => {
      const pop = elif({ dtype, refractory: mode, refracLength, dt });
      const result = pop.run(4 * (frozen + 1) + 3, { input: { constant: 1000 }, record: ['v'] });
      const spikes = spikeSteps(result.spikes!, 1);
      expect(spikes[0]).toBe(0);
      expect(spikes).toHaveLength(5);
      expect(intervals(spikes)).toEqual([frozen + 1, frozen + 1, frozen + 1, frozen + 1]);
      // Between spikes v is held at resetPot despite the huge input.
      for (let k = 1; k <= frozen; k++) expect(result.recorded.v![k]).toBe(-62);
    },
  );

  test('refractory length follows per-neuron refracLength', () => {
    const pop = elif({ dtype, n: 3, refracLength: [0, 1, 2.5] });
    const result = pop.run(40, { input: { constant: 1000 } });
    expect(intervals(spikeSteps(result.spikes!, 3, 0))[0]).toBe(1); // no refractory period: spikes every step
    expect(intervals(spikeSteps(result.spikes!, 3, 1))[0]).toBe(11);
    expect(intervals(spikeSteps(result.spikes!, 3, 2))[0]).toBe(26);
  });

  test('exp overflow: v is Infinity for one step, then spikes and resets; never NaN', () => {
    const events: StatementEvent[] = [];
    const backend = interpreterBackend({ onStatement: (e) => events.push(e) });
    const pop = new ELIFPopulation({ n: 1, backend, dtype, threshold: 1e30 });
    pop.forward(1e4);
    const v1 = pop.v[0]!;
    expect(Number.isFinite(v1)).toBe(true);
    expect(v1).toBeGreaterThan(1000); // exp((v1 - thetaRh)/deltaT) overflows on the next step
    expect(pop.s[0]).toBe(0);
    events.length = 0;
    pop.forward(1e4);
    const setV = events
      .filter((e) => e.statement.kind === 'set' && e.statement.name === 'v')
      .map((e) => e.value);
    expect(setV[0]).toBe(Number.POSITIVE_INFINITY); // (a) integration overflowed
    expect(setV[1]).toBe(-62); // (d) the spike reset it
    expect(pop.s[0]).toBe(1);
    expect(pop.v[0]).toBe(-62);
    // Keep driving it: refractory, then the same again; the population would throw a StateError on NaN.
    const result = pop.run(200, { input: { constant: 1e4 }, record: ['v', 'traces', 'refractory'] });
    for (const values of Object.values(result.recorded)) {
      expect([...values].some((x) => Number.isNaN(x))).toBe(false);
    }
    expect(spikeSteps(result.spikes!, 1).length).toBeGreaterThanOrEqual(3);
    expect([...result.recorded.v!].every((v) => Number.isFinite(v))).toBe(true);
  });

  test('an input so large that R*I overflows still resets without NaN', () => {
    const pop = elif({ dtype, threshold: 1e30 });
    const huge = dtype === 'float32' ? 1e38 : 1e307;
    const result = pop.run(60, { input: { constant: huge }, record: ['v'] });
    expect([...result.recorded.v!].some((v) => Number.isNaN(v))).toBe(false);
    expect(spikeSteps(result.spikes!, 1)).toEqual([0, 51]);
  });

  test('per-neuron parameters: each neuron follows its own values', () => {
    const taus = [5, 10, 20];
    const thresholds = [-52, -55, -58];
    const resets = [-62, -63, -64];
    const pop = elif({ dtype, n: 3, tau: taus, threshold: thresholds, resetPot: Float64Array.from(resets) });
    expect([...pop.v]).toEqual(resets);
    const all = pop.run(150, { input: { constant: 0.8 }, record: ['v', 'refractory'] });
    expect(spikeSteps(all.spikes!, 3, 0).length).toBeGreaterThan(0);
    for (let j = 0; j < 3; j++) {
      const single = elif({ dtype, tau: taus[j], threshold: thresholds[j], resetPot: resets[j] });
      const one = single.run(150, { input: { constant: 0.8 }, record: ['v', 'refractory'] });
      for (let k = 0; k < 150; k++) {
        expect(all.recorded.v![k * 3 + j]).toBe(one.recorded.v![k]);
        expect(all.recorded.refractory![k * 3 + j]).toBe(one.recorded.refractory![k]);
        expect(all.spikes![k * 3 + j]).toBe(one.spikes![k]);
      }
    }
  });

  test('batch rows are independent', () => {
    const n = 2;
    const batchSize = 3;
    const T = 80;
    const x = (k: number, b: number, j: number) => ((k * 7 + b * 13 + j * 5) % 11) * 0.15;
    const data = new Float64Array(T * batchSize * n);
    for (let k = 0; k < T; k++)
      for (let b = 0; b < batchSize; b++)
        for (let j = 0; j < n; j++) data[(k * batchSize + b) * n + j] = x(k, b, j);
    const batched = elif({ dtype, n, batchSize });
    const all = batched.run(T, { input: { steps: data }, record: ['v', 'traces'] });
    let anySpike = false;
    for (let b = 0; b < batchSize; b++) {
      const row = elif({ dtype, n });
      const rowData = new Float64Array(T * n);
      for (let k = 0; k < T; k++) for (let j = 0; j < n; j++) rowData[k * n + j] = x(k, b, j);
      const one = row.run(T, { input: { steps: rowData }, record: ['v', 'traces'] });
      for (let k = 0; k < T; k++) {
        for (let j = 0; j < n; j++) {
          const i = (k * batchSize + b) * n + j;
          expect(all.recorded.v![i]).toBe(one.recorded.v![k * n + j]);
          expect(all.recorded.traces![i]).toBe(one.recorded.traces![k * n + j]);
          expect(all.spikes![i]).toBe(one.spikes![k * n + j]);
          anySpike ||= one.spikes![k * n + j] === 1;
        }
      }
    }
    expect(anySpike).toBe(true);
  });

  test('reset() restores the initial state and the step count', () => {
    const pop = elif({ dtype, n: 2, resetPot: [-70, -60], sumInput: true });
    const first = pop.run(60, { input: { constant: 1.5 }, record: ['v'] });
    expect(pop.stepCount).toBe(60);
    expect(pop.refractory.some((x) => x > 0) || pop.traces.some((x) => x > 0)).toBe(true);
    pop.reset();
    expect(pop.stepCount).toBe(0);
    expect([...pop.v]).toEqual([-70, -60]);
    expect([...pop.s]).toEqual([0, 0]);
    expect([...pop.refractory]).toEqual([0, 0]);
    expect([...pop.traces]).toEqual([0, 0]);
    expect([...pop.state('summedInput')]).toEqual([0, 0]);
    const again = pop.run(60, { input: { constant: 1.5 }, record: ['v'] });
    expect(again.recorded.v).toEqual(first.recorded.v);
    expect(again.spikes).toEqual(first.spikes);
  });

  test('setBatchSize re-allocates the kernel and resets the state', () => {
    const backend = interpreterBackend();
    const pop = new ELIFPopulation({ n: 2, backend, dtype, resetPot: [-70, -60] });
    pop.run(10, { input: { constant: 100 } });
    expect(pop.stepCount).toBe(10);
    pop.setBatchSize(3);
    expect(pop.batchSize).toBe(3);
    expect(backend.kernels).toHaveLength(2);
    expect(backend.kernels[0]!.disposed).toBe(true);
    expect(backend.kernels[1]!.disposed).toBe(false);
    expect(backend.kernels[1]!.request.batchSize).toBe(3);
    expect(pop.stepCount).toBe(0);
    expect([...pop.v]).toEqual([-70, -60, -70, -60, -70, -60]);
    expect([...pop.refractory]).toEqual([0, 0, 0, 0, 0, 0]);
    expect([...pop.traces]).toEqual([0, 0, 0, 0, 0, 0]);
    pop.forward([100, 0]);
    expect([...pop.s]).toEqual([1, 0, 1, 0, 1, 0]);
    expect(() => pop.setBatchSize(0)).toThrow('batchSize must be a positive integer, got 0');
  });
});

describe('ELIFPopulation options', () => {
  test('parameters may be given top-level or under params; top-level wins', () => {
    const pop = elif({ tau: 20, params: { R: 5, tau: 7 } });
    expect(pop.params.get('tau')).toBe(20);
    expect(pop.params.get('R')).toBe(5);
    expect(pop.params.get('threshold')).toBe(-52);
    expect(pop.params.get('traceTau')).toBe(10);
    expect(pop.params.get('traceScale')).toBe(1);
    expect(pop.params.get('lowerBound')).toBeNull();
  });

  test('per-neuron values are kept as Float64Array; shape gives n', () => {
    const pop = elif({ n: undefined, shape: [2, 2], tau: [1, 2, 3, 4] });
    expect(pop.n).toBe(4);
    expect(pop.shape).toEqual([2, 2]);
    expect(pop.params.get('tau')).toEqual(Float64Array.from([1, 2, 3, 4]));
  });

  test('defaults: float32, dt 0.1, steps refractory, batch 1', () => {
    const pop = elif();
    expect(pop.dtype).toBe('float32');
    expect(pop.dt).toBe(0.1);
    expect(pop.refractoryMode).toBe('steps');
    expect(pop.batchSize).toBe(1);
    expect(pop.kernelDescription).toBe('interpreter float32');
    expect(pop.model.name).toBe('elif');
  });

  test('a NaN that does appear in state is refused with a StateError', () => {
    // Not reachable with valid ELIF parameters; force it through writeState.
    const backend = interpreterBackend();
    const pop = new ELIFPopulation({ n: 2, batchSize: 2, backend, dtype: 'float64' });
    backend.kernels[0]!.writeState('v', [-62, -62, -62, Number.NaN]);
    expect(() => pop.forward(0)).toThrow(StateError);
    expect(() => pop.forward(0)).toThrow('state "v" became NaN (batch row 1, neuron 1) at step 1');
  });
});
