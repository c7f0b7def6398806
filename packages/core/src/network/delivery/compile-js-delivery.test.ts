import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Dtype, FloatArray, StateArray } from '../../backend.js';
import { BackendError } from '../../errors.js';
import { interpretDelivery } from '../../reference/interpreter-delivery.js';
import { onPre, pairs, projection } from '../../testing/network-plans.js';
import type { DeliveryProgram, DeliveryRequest } from '../kernel/contract.js';
import { compileSynapse } from '../synapse/compile.js';
import { compileJsDelivery, compileJsDeliveryEntries } from './compile-js-delivery.js';

// Three sources, two targets per row; synapses in CSR order.
const CONNECTIVITY = pairs(3, 2, [
  [0, 0],
  [0, 1],
  [1, 1],
  [2, 0],
  [2, 0],
]);
const PROGRAM = onPre(
  ['let a = w * 0.3 + v / 7', 'v += a * exp(-t / 5)', 'w = min(w + 0.01 * v, 2)', 'ge = ge * 0.9 + w'],
  ['w'],
  ['v', 'ge'],
);

function request(dtype: Dtype, program: DeliveryProgram, seed: number[]): DeliveryRequest {
  const values = (length: number, at: (i: number) => number): FloatArray => {
    const out = dtype === 'float32' ? new Float32Array(length) : new Float64Array(length);
    for (let i = 0; i < length; i++) out[i] = at(i);
    return out;
  };
  const batch = 2;
  const targetState = new Map<string, StateArray>([
    ['v', values(2 * batch, (i) => seed[i % seed.length]! * 3 - 1)],
    ['ge', values(2 * batch, (i) => seed[(i + 1) % seed.length]!)],
  ]);
  const synapseState = new Map<string, FloatArray>(
    program.synapseVariables.map((name) => [name, values(5, (s) => seed[(s + 2) % seed.length]! / 3)]),
  );
  return {
    projection: projection(0, 1, CONNECTIVITY, program, { w: 0 }),
    dtype,
    targetN: 2,
    targetState,
    synapseState,
  };
}

function snapshot(r: DeliveryRequest): number[] {
  return [...r.targetState.get('v')!, ...r.targetState.get('ge')!, ...r.synapseState.get('w')!];
}

describe('compileJsDelivery', () => {
  for (const dtype of ['float64', 'float32'] as Dtype[]) {
    test(`equals the interpreted delivery bit for bit (${dtype}, any values and events)`, () => {
      fc.assert(
        fc.property(
          fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 1, maxLength: 6 }),
          fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 1 })), {
            maxLength: 12,
          }),
          fc.double({ min: 0, max: 100, noNaN: true }),
          (seed, events, time) => {
            const t = dtype === 'float32' ? Math.fround(time) : time;
            const compiled = request(dtype, PROGRAM, seed);
            const interpreted = request(dtype, PROGRAM, seed);
            const deliver = compileJsDelivery(compiled);
            const reference = interpretDelivery(interpreted);
            for (const [synapse, row] of events) {
              const list = Uint32Array.of(7, synapse);
              deliver(list, 1, 2, row, t);
              reference(list, 1, 2, row, t);
            }
            expect(snapshot(compiled)).toEqual(snapshot(interpreted));
          },
        ),
      );
    });
  }

  test('runs a program compiled from a synapse spec, as the interpreter does', () => {
    const program = compileSynapse(
      { onPre: 'ge_post += w * exp(-t / 20); v = v - 0.5 * w; w = min(w * 1.05, 2)' },
      {
        model: 'm',
        state: [
          { name: 'v', type: 'number' },
          { name: 'ge', type: 'number' },
        ],
        parameters: [],
      },
    );
    for (const dtype of ['float64', 'float32'] as Dtype[]) {
      const compiled = request(dtype, program, [0.3, -1.7, 2.2]);
      const interpreted = request(dtype, program, [0.3, -1.7, 2.2]);
      const events = Uint32Array.of(0, 1, 2, 3, 4, 4, 3);
      compileJsDelivery(compiled)(events, 0, 7, 1, 2.5);
      interpretDelivery(interpreted)(events, 0, 7, 1, 2.5);
      expect(snapshot(compiled)).toEqual(snapshot(interpreted));
      expect(snapshot(compiled)).not.toEqual(snapshot(request(dtype, program, [0.3, -1.7, 2.2])));
    }
  });

  test('writes target row*targetN + targets[s] and only the events start..end', () => {
    const r = request('float64', onPre(['v += w'], ['w'], ['v']), [0]);
    r.targetState.get('v')!.fill(0);
    r.synapseState.get('w')!.set([1, 10, 100, 1000, 10000]);
    compileJsDelivery(r)(Uint32Array.of(0, 1, 3, 4, 2), 1, 4, 1, 0);
    // Synapses 1 (→ 1), 3 (→ 0) and 4 (→ 0) of row 1: elements 3, 2 and 2.
    expect([...r.targetState.get('v')!]).toEqual([0, 0, 11000, 10]);
  });

  test('the spike entry delivers each spike through its source row of synapses, like the event entry', () => {
    const program = onPre(['v = v * 2 + w', 'w += 1'], ['w'], ['v']);
    const bySpikes = request('float64', program, [1, 2, 3]);
    const byEvents = request('float64', program, [1, 2, 3]);
    // Spikes: source 2 of row 0, sources 0 and 2 of row 1 (flat index row*3 + i).
    compileJsDeliveryEntries(bySpikes).spikes(Uint32Array.of(2, 3, 5, 99), 3, 3, 0.5);
    const events = compileJsDelivery(byEvents);
    events(Uint32Array.of(3, 4), 0, 2, 0, 0.5);
    events(Uint32Array.of(0, 1, 3, 4), 0, 4, 1, 0.5);
    expect(snapshot(bySpikes)).toEqual(snapshot(byEvents));
  });

  test('refuses a name that is not a plain identifier before generating code', () => {
    const program = onPre(['v += w'], ['w'], ['v']);
    const tampered = { ...program, synapseVariables: ['w;globalThis.x=1'] };
    const r = request('float64', tampered, [1]);
    expect(() => compileJsDelivery(r)).toThrow(BackendError);
    expect((globalThis as { x?: unknown }).x).toBeUndefined();
  });

  test('refuses a program that sets or reads a variable it does not declare', () => {
    const sets = onPre(['u = 1'], ['w'], ['v']);
    expect(() => compileJsDelivery(request('float64', sets, [1]))).toThrow(/sets "u"/);
    const reads = onPre(['v += q'], ['w'], ['v']);
    expect(() => compileJsDelivery(request('float64', reads, [1]))).toThrow(/reads "q"/);
  });

  describe('the owned entry', () => {
    /** A projection of random rows (targets ascending or in any order) onto `targetN` targets, batch 3. */
    interface OwnedCase {
      targetN: number;
      rows: number[][];
      sorted: boolean;
      spikes: number[];
      cuts: number[];
      seed: number[];
    }
    const arbitraryCase: fc.Arbitrary<OwnedCase> = fc.record({
      targetN: fc.integer({ min: 1, max: 9 }),
      rows: fc.array(fc.array(fc.nat(), { maxLength: 6 }), { minLength: 1, maxLength: 5 }),
      sorted: fc.boolean(),
      spikes: fc.array(fc.nat(), { maxLength: 10 }),
      cuts: fc.array(fc.nat(), { maxLength: 4 }),
      seed: fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 1, maxLength: 6 }),
    });
    const BATCH = 3;

    function build(c: OwnedCase, program: DeliveryProgram) {
      const rows = c.rows.map((row) => {
        const targets = row.map((j) => j % c.targetN);
        return c.sorted ? targets.sort((a, b) => a - b) : targets;
      });
      const connectivity = pairs(
        rows.length,
        c.targetN,
        rows.flatMap((targets, i) => targets.map((j): [number, number] => [i, j])),
      );
      const synapses = connectivity.targets.length;
      const targetState = new Map<string, StateArray>(
        program.targetVariables.map((name, k) => [
          name,
          Float64Array.from({ length: c.targetN * BATCH }, (_, i) => c.seed[(i + k) % c.seed.length]!),
        ]),
      );
      const synapseState = new Map<string, FloatArray>(
        program.synapseVariables.map((name) => [
          name,
          Float64Array.from({ length: synapses }, (_, s) => c.seed[(s + 2) % c.seed.length]! / 3),
        ]),
      );
      const r: DeliveryRequest = {
        projection: projection(0, 1, connectivity, program, {}),
        dtype: 'float64',
        targetN: c.targetN,
        targetState,
        synapseState,
      };
      // Ascending flat spike indices of any batch row.
      const list = Uint32Array.from(new Set(c.spikes.map((q) => q % (rows.length * BATCH)))).sort();
      return { r, list, sourceN: rows.length };
    }

    const stateOf = (r: DeliveryRequest) => [
      ...[...r.targetState.values()].flatMap((values) => [...values]),
      ...[...r.synapseState.values()].flatMap((values) => [...values]),
    ];

    /** Keys 0 … size-1 cut into ranges at `cuts`, the last open-ended; applied last range first. */
    function rangesOf(cuts: number[], size: number): [number, number][] {
      const bounds = [...new Set(cuts.map((c) => c % (size + 1)))].sort((a, b) => a - b);
      const edges = [0, ...bounds.filter((b) => b > 0), Number.POSITIVE_INFINITY];
      return edges
        .slice(1)
        .map((hi, k): [number, number] => [edges[k]!, hi])
        .reverse();
    }

    for (const by of ['column', 'element'] as const) {
      test(`over ranges of target ${by}s that cover every key, in any order, equals the spike entry bit for bit`, () => {
        // Only column owners keep every batch row of a synapse on one thread: there the program may set w.
        const program =
          by === 'column'
            ? PROGRAM
            : onPre(
                ['let a = ge * 0.3 + v / 7', 'v += a * exp(-t / 5)', 'ge = ge * 0.9 + a'],
                [],
                ['v', 'ge'],
              );
        fc.assert(
          fc.property(arbitraryCase, (c) => {
            const whole = build(c, program);
            const split = build(c, program);
            compileJsDeliveryEntries(whole.r).spikes(whole.list, whole.list.length, whole.sourceN, 1.5);
            const owned = compileJsDeliveryEntries(split.r).owned;
            const keyStride = by === 'column' ? 0 : c.targetN;
            const keys = by === 'column' ? c.targetN : c.targetN * BATCH;
            for (const [lo, hi] of rangesOf(c.cuts, keys))
              owned(split.list, split.list.length, split.sourceN, 1.5, keyStride, lo, hi);
            expect(stateOf(split.r)).toEqual(stateOf(whole.r));
          }),
        );
      });
    }

    test('applies nothing outside [lo, hi), and the same when rebuilt from its source text', () => {
      const program = onPre(['v += w'], ['w'], ['v']);
      const r = request('float64', program, [0]);
      r.targetState.get('v')!.fill(0);
      r.synapseState.get('w')!.set([1, 10, 100, 1000, 10000]);
      const entries = compileJsDeliveryEntries(r);
      // Row 1's sources 0 and 2 (flat 3 and 5): synapses 0 (→ 0), 1 (→ 1), 3 and 4 (→ 0); keys 2 + target.
      entries.owned(Uint32Array.of(3, 5), 2, 3, 0, 2, 3, 4);
      expect([...r.targetState.get('v')!]).toEqual([0, 0, 0, 10]);
      const rebuilt = new Function(...entries.parameters, entries.source)(...entries.factoryArguments);
      rebuilt.owned(Uint32Array.of(3, 5), 2, 3, 0, 0, 0, 1);
      expect([...r.targetState.get('v')!]).toEqual([0, 0, 11001, 10]);
      expect(entries.writesSynapses).toBe(false);
      expect(compileJsDeliveryEntries(request('float64', PROGRAM, [1])).writesSynapses).toBe(true);
    });
  });
});
