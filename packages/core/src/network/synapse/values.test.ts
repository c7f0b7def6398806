import { describe, expect, test } from 'vitest';
import { evaluate } from '../../expr/evaluate.js';
import { parseExpression } from '../../expr/parser.js';
import { ModelSpecError, RandomArgumentError, SynapseSpecError } from '../../index.js';
import { LIF_MODEL } from '../../model/library/index.js';
import { validateModel } from '../../model/validate.js';
import { drawNormal, drawUniform } from '../../random/draws.js';
import { thrown } from '../../testing/helpers.js';
import { connectAllToAll } from '../connectors/all-to-all.js';
import { synapseSources } from '../connectors/connectivity.js';
import { connectExplicitPairs } from '../connectors/explicit-pairs.js';
import { connectFixedProbability } from '../connectors/fixed-probability.js';
import { synapseValues } from './values.js';

const pairs = connectExplicitPairs({
  sourceCount: 4,
  targetCount: 5,
  sources: [3, 0, 2, 0],
  targets: [1, 4, 0, 2],
});
// 10 000 synapses: more than one evaluation chunk.
const large = connectAllToAll({
  sourceCount: 100,
  targetCount: 100,
  allowSelfConnections: true,
  samePopulation: true,
});

const refused = (fn: () => unknown) => thrown(fn, SynapseSpecError);

describe('synapseValues', () => {
  test('i is the source and j the target of each synapse, in synapse order', () => {
    // Synapse order is by source, then target: (0,2), (0,4), (2,0), (3,1).
    expect([...synapseValues('i', pairs, { name: 'w' })]).toEqual([0, 0, 2, 3]);
    expect([...synapseValues('j', pairs, { name: 'w' })]).toEqual([2, 4, 0, 1]);
    expect([...synapseValues('10 * i + j', pairs, { name: 'w' })]).toEqual([2, 4, 20, 31]);
    expect([...synapseValues('0.5', pairs, { name: 'w' })]).toEqual([0.5, 0.5, 0.5, 0.5]);
  });

  test.each([
    '-i ^ 2 / (j + 1)',
    'exp(-abs(i - j) / 10) * 2',
    'log(i + 1) + sqrt(j) - tanh(i / 50)',
    'min(i, j) * max(i - j, 3) + pow(1.01, j)',
    '2 ^ -(i / 20) - 1e-3 * (j - 50)',
  ])('%s equals the reference evaluator at every synapse', (source) => {
    const values = synapseValues(source, large, { name: 'w' });
    const expr = parseExpression(source, { model: 'test', field: 'w' });
    const sources = synapseSources(large);
    const expected = Float64Array.from(values, (_, s) =>
      Number(evaluate(expr, (name) => (name === 'i' ? sources[s]! : large.targets[s]!))),
    );
    expect(values).toEqual(expected);
  });

  test('rand() of synapse s is drawUniform(seed, stream, 0, s), reproducibly', () => {
    const values = synapseValues('rand()', large, { name: 'w', seed: 42, stream: 7 });
    expect(values).toEqual(Float64Array.from(values, (_, s) => drawUniform(42, 7, 0, s)));
    expect(synapseValues('rand()', large, { name: 'w', seed: 42, stream: 7 })).toEqual(values);
    expect(synapseValues('rand()', large, { name: 'w', seed: 43, stream: 7 })).not.toEqual(values);
    // The stream defaults to 0.
    expect(synapseValues('rand()', pairs, { name: 'w', seed: 42 })[3]).toBe(drawUniform(42, 0, 0, 3));
  });

  test('random call k, in source order, draws from stream + k', () => {
    const values = synapseValues('rand() + 10 * randn() + 100 * rand()', large, {
      name: 'w',
      seed: 5,
      stream: 3,
    });
    for (const s of [0, 1, 4095, 4096, 9999]) {
      const expected = drawUniform(5, 3, 0, s) + 10 * drawNormal(5, 4, 0, s) + 100 * drawUniform(5, 5, 0, s);
      expect(values[s]).toBe(expected);
    }
  });

  test('randn() over 1e5 synapses has mean 0 and sd 1 within 0.02 (about 6 standard errors)', () => {
    const connectivity = connectAllToAll({ sourceCount: 400, targetCount: 250 });
    const values = synapseValues('randn()', connectivity, { name: 'w', seed: 11 });
    expect(values).toHaveLength(100_000);
    let sum = 0;
    for (const x of values) sum += x;
    const mean = sum / values.length;
    let squares = 0;
    for (const x of values) squares += (x - mean) ** 2;
    const sd = Math.sqrt(squares / (values.length - 1));
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(Math.abs(sd - 1)).toBeLessThan(0.02);
    expect(values[12_345]).toBe(drawNormal(11, 0, 0, 12_345));
  });

  test('values do not depend on how the connectivity was made, only on the synapse index', () => {
    const random = connectFixedProbability({ sourceCount: 50, targetCount: 60, probability: 0.2, seed: 1 });
    const values = synapseValues('j + rand()', random, { name: 'w', seed: 9 });
    expect(values).toEqual(Float64Array.from(values, (_, s) => random.targets[s]! + drawUniform(9, 0, 0, s)));
  });

  test('no synapses give no values', () => {
    const empty = connectExplicitPairs({ sourceCount: 2, targetCount: 2, sources: [], targets: [] });
    expect(synapseValues('rand()', empty, { name: 'w', seed: 1 })).toEqual(new Float64Array(0));
  });
});

describe('synapseValues: errors', () => {
  test.each<[string, RegExp, number]>([
    [
      '0.5 * k',
      /^unknown name "k"; a per-synapse value may use i \(source index\), j \(target index\), rand\(\) and randn\(\)$/,
      7,
    ],
    ['i > j', /^expected a number, got a boolean$/, 1],
    ['rand(1)', /^rand\(\) takes no arguments, got 1$/, 1],
    ['1 + rand', /^function "rand" needs its parentheses, e.g. rand\(\)$/, 9],
    ['uniform(0, 1)', /^unknown function "uniform" \(available: .*, rand, randn\)$/, 1],
    ['2 * (i', /^missing "\)"/, 7],
  ])('%s', (source, detail, column) => {
    const error = refused(() => synapseValues(source, pairs, { name: 'w', seed: 1 }));
    expect(error.detail).toMatch(detail);
    expect(error.field).toBe('expression for w');
    expect(error.column).toBe(column);
    expect(error.message.split('\n')).toEqual([
      `expression for w: ${error.detail} at column ${column}`,
      `  ${source}`,
      `  ${' '.repeat(column - 1)}^`,
    ]);
  });

  test('an expression that is not a string is refused by name', () => {
    expect(refused(() => synapseValues(0.5 as never, pairs, { name: 'w' })).message).toBe(
      'expression for w: expected an expression string, got a number',
    );
  });

  test('a long unknown name is shortened in the message', () => {
    const long = 'x'.repeat(100);
    const error = refused(() => synapseValues(`i + ${long}`, pairs, { name: 'w' }));
    expect(error.detail).toMatch(/^unknown name "x{64}… \(100 characters\)"/);
    expect(error.column).toBe(5);
  });

  test('a seed the generator cannot use is a random-argument error', () => {
    expect(() => synapseValues('rand()', pairs, { name: 'w', seed: -1 })).toThrow(RandomArgumentError);
    expect(() => synapseValues('rand()', pairs, { name: 'w', seed: 1.5 })).toThrow(RandomArgumentError);
  });

  test('random draws need a seed', () => {
    const error = refused(() => synapseValues('0.1 * randn()', pairs, { name: 'delay', synapse: 'exc' }));
    expect(error.message).toMatch(/^synapse "exc", expression for delay: randn\(\) needs a seed/);
    expect(error.column).toBe(7);
  });

  test('a value that is not finite names the synapse', () => {
    const error = refused(() => synapseValues('log(i)', pairs, { name: 'w' }));
    expect(error.detail).toBe(
      'gives -Infinity at synapse 0 (i = 0, j = 2); every per-synapse value must be finite',
    );
    expect(refused(() => synapseValues('(i - 2) / (i - 2)', pairs, { name: 'w' })).detail).toMatch(
      /^gives NaN at synapse 2 \(i = 2, j = 0\)/,
    );
  });

  test('a stream past the last one for a later call is a random-argument error', () => {
    expect(() => synapseValues('rand() + rand()', pairs, { name: 'w', seed: 1, stream: 0xffffffff })).toThrow(
      RandomArgumentError,
    );
  });

  test('neuron models still cannot call rand() or randn()', () => {
    for (const call of ['rand()', 'randn()']) {
      const spec = {
        ...LIF_MODEL,
        equations: { ...LIF_MODEL.equations, v: `${LIF_MODEL.equations!.v} + ${call}` },
      };
      const error = thrown(() => validateModel(spec), ModelSpecError);
      expect(error.detail).toMatch(
        /^unknown function "randn?" \(available: exp, log, sqrt, abs, tanh, min, max, pow\)$/,
      );
    }
  });
});
