import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Backend, Dtype } from '../backend.js';
import { SynapticFlowError } from '../errors.js';
import { interpreterBackend } from '../reference/interpreter-backend.js';
import { ELIFPopulation } from './elif-population.js';
import type { Population } from './population.js';

const N = 3;
const BATCH = 2;
const SIZE = N * BATCH;
const STATE = ['v', 'refractory', 's', 'traces', 'summedInput'];
const SETTINGS = { seed: 20261203, numRuns: 400 };

/** Values no population input, state write or init may take in a float32 population. */
const nonFinite = (dtype: Dtype) =>
  fc.oneof(
    fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
    ...(dtype === 'float32'
      ? [fc.double({ min: 3.5e38, max: Number.MAX_VALUE, noNaN: true }).chain((x) => fc.constantFrom(x, -x))]
      : []),
  );

/** Counts (steps, stride, n, batchSize) that are not positive integers; null and undefined mean the default. */
const badCount = fc.oneof(
  fc.integer({ min: -1e6, max: 0 }),
  fc.double({ noNaN: false }).filter((x) => !Number.isInteger(x) || x < 1),
  fc.constantFrom<unknown>('3', Number.POSITIVE_INFINITY, [2], {}),
);

const wrongLength = fc.integer({ min: 0, max: 20 }).filter((l) => l !== 1 && l !== N && l !== SIZE);
const layoutLength = fc.constantFrom(1, N, SIZE);
const notAStateName = fc.string({ maxLength: 12 }).filter((name) => !STATE.includes(name));

type BadCall = [label: string, call: (pop: Population) => unknown];
const bad = (label: string, call: (pop: Population) => unknown): BadCall => [label, call];

/** One call on a population with bad input of each class the API documents. */
function badCalls(dtype: Dtype): fc.Arbitrary<BadCall> {
  const withValue = (length: number, at: number, value: number) => {
    const values = new Array<number>(length).fill(0.5);
    values[at % length] = value;
    return values;
  };
  return fc.oneof(
    wrongLength.map((l) => bad(`forward(${l} values)`, (p) => p.forward(new Array(l).fill(1)))),
    fc
      .tuple(layoutLength, fc.nat(), nonFinite(dtype))
      .map(([l, at, x]) => bad(`forward(${x} in ${l})`, (p) => p.forward(withValue(l, at, x)))),
    fc
      .constantFrom<unknown>('1', null, undefined, {}, [[1]])
      .map((x) => bad(`forward(${String(x)})`, (p) => p.forward(x as never))),
    badCount.map((steps) => bad(`run(${String(steps)})`, (p) => p.run(steps as never))),
    badCount.map((stride) =>
      bad(`run(3, stride ${String(stride)})`, (p) => p.run(3, { stride: stride as never })),
    ),
    notAStateName.map((name) => bad(`run(3, record ${name})`, (p) => p.run(3, { record: [name] }))),
    fc.tuple(layoutLength, fc.nat(), nonFinite(dtype), fc.boolean()).map(([l, at, x, perStep]) =>
      bad(`run(3, input ${x})`, (p) =>
        p.run(3, {
          input: perStep ? { steps: withValue(3 * l, at, x) } : { constant: withValue(l, at, x) },
        }),
      ),
    ),
    fc
      .tuple(fc.constant(0), nonFinite(dtype))
      .map(([step, x]) =>
        bad(`run(3, function writing ${x} at step ${step})`, (p) =>
          p.run(3, { input: (k, buffer) => void buffer.fill(k === step ? x : 0) }),
        ),
      ),
    wrongLength.map((l) => bad(`writeState(v, ${l} values)`, (p) => p.writeState('v', new Array(l).fill(0)))),
    fc
      .tuple(fc.nat(), nonFinite(dtype))
      .map(([at, x]) => bad(`writeState(v, ${x})`, (p) => p.writeState('v', withValue(SIZE, at, x)))),
    fc
      .tuple(
        fc.nat(),
        fc.double().filter((x) => x !== 0 && x !== 1),
      )
      .map(([at, x]) =>
        bad(`writeState(s, ${x})`, (p) =>
          p.writeState(
            's',
            withValue(SIZE, at, x).map((y) => (y === 0.5 ? 0 : y)),
          ),
        ),
      ),
    notAStateName.map((name) =>
      bad(`writeState(${name})`, (p) => p.writeState(name, new Array(SIZE).fill(0))),
    ),
    notAStateName.map((name) => bad(`state(${name})`, (p) => p.state(name))),
    badCount.map((b) => bad(`setBatchSize(${String(b)})`, (p) => p.setBatchSize(b as never))),
  );
}

function snapshot(pop: Population): unknown {
  return {
    stepCount: pop.stepCount,
    batchSize: pop.batchSize,
    state: STATE.map((name) => [...pop.state(name)]),
  };
}

function checkBadInputs(createBackend: () => Backend, dtype: Dtype): void {
  const pop = new ELIFPopulation({ n: N, batchSize: BATCH, backend: createBackend(), dtype, sumInput: true });
  pop.run(7, { input: [1, 2, 3] });
  fc.assert(
    fc.property(badCalls(dtype), ([, call]) => {
      const before = snapshot(pop);
      let error: unknown;
      try {
        call(pop);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(SynapticFlowError);
      expect(snapshot(pop)).toEqual(before);
    }),
    SETTINGS,
  );
}

describe('bad input always raises a named error and never changes state (property)', () => {
  test.each(['float32', 'float64'] as const)('interpreter backend, %s', (dtype) => {
    checkBadInputs(() => interpreterBackend(), dtype);
  });

  test('bad population options raise named errors', () => {
    const badOptions = fc.oneof(
      badCount.map((n) => ({ n })),
      badCount.map((batchSize) => ({ batchSize })),
      fc
        .oneof(
          fc.double().filter((x) => !(x > 0) || !Number.isFinite(x)),
          fc.constantFrom<unknown>('0.1', [0.1]),
        )
        .map((dt) => ({ dt })),
      fc.constantFrom<unknown>('float16', 'constructor', 1).map((dtype) => ({ dtype })),
      fc
        .constantFrom<unknown>('constructor', 'toString', '__proto__', 'rk5', 3)
        .map((integrator) => ({ integrator })),
      notAStateName.map((name) => ({ init: { [name]: 0 } })),
      nonFinite('float32').map((x) => ({ init: { v: x } })),
      wrongLength.map((l) => ({ init: { v: new Array(l).fill(0) } })),
      fc
        .constantFrom('constructor', 'toString', 'valueOf', 'nope')
        .map((name) => ({ params: { [name]: 1 } })),
      nonFinite('float64').map((tau) => ({ tau })),
    );
    fc.assert(
      fc.property(badOptions, (options) => {
        let error: unknown;
        try {
          new ELIFPopulation({
            n: N,
            batchSize: BATCH,
            backend: interpreterBackend(),
            ...(options as object),
          });
        } catch (caught) {
          error = caught;
        }
        expect(error).toBeInstanceOf(SynapticFlowError);
      }),
      SETTINGS,
    );
  });
});
