import { describe, expect, test } from 'vitest';
import { SynapticFlowError } from '../../errors.js';
import { drawUniform } from '../../random/draws.js';
import { connectAllToAll } from './all-to-all.js';
import {
  type Connectivity,
  checkPerSynapse,
  connectivityBytes,
  synapseCount,
  synapseSources,
} from './connectivity.js';
import { ConnectorError } from './connector-error.js';
import { connectExplicitPairs } from './explicit-pairs.js';
import { connectFixedInDegree } from './fixed-in-degree.js';
import { connectFixedProbability } from './fixed-probability.js';
import { connectOneToOne } from './one-to-one.js';

const SEED = 424242;

function pairsOf(connectivity: Connectivity): [number, number][] {
  const sources = synapseSources(connectivity);
  return [...connectivity.targets].map((j, s) => [sources[s]!, j]);
}

/** Rows are well formed: starts rise, end at the synapse count, and targets ascend within a row. */
function expectSortedCsr(connectivity: Connectivity): void {
  const { rowStarts, targets, sourceCount, targetCount } = connectivity;
  expect(rowStarts.length).toBe(sourceCount + 1);
  expect(rowStarts[0]).toBe(0);
  expect(rowStarts[sourceCount]).toBe(targets.length);
  for (let i = 0; i < sourceCount; i++) {
    expect(rowStarts[i + 1]!).toBeGreaterThanOrEqual(rowStarts[i]!);
    for (let s = rowStarts[i]! + 1; s < rowStarts[i + 1]!; s++)
      expect(targets[s]!).toBeGreaterThan(targets[s - 1]!);
  }
  for (const j of targets) expect(j).toBeLessThan(targetCount);
}

describe('all-to-all', () => {
  test('two populations: every pair, by source then target', () => {
    const c = connectAllToAll({ sourceCount: 2, targetCount: 3 });
    expect(pairsOf(c)).toEqual([
      [0, 0],
      [0, 1],
      [0, 2],
      [1, 0],
      [1, 1],
      [1, 2],
    ]);
    expect([...c.rowStarts]).toEqual([0, 3, 6]);
  });

  test('one population leaves out self-connections by default and keeps them when allowed', () => {
    const without = connectAllToAll({ sourceCount: 3, targetCount: 3, samePopulation: true });
    expect(pairsOf(without)).toEqual([
      [0, 1],
      [0, 2],
      [1, 0],
      [1, 2],
      [2, 0],
      [2, 1],
    ]);
    const withSelf = connectAllToAll({
      sourceCount: 3,
      targetCount: 3,
      samePopulation: true,
      allowSelfConnections: true,
    });
    expect(synapseCount(withSelf)).toBe(9);
  });
});

describe('one-to-one', () => {
  test('source i to target i', () => {
    const c = connectOneToOne({ sourceCount: 4, targetCount: 4 });
    expect(pairsOf(c)).toEqual([
      [0, 0],
      [1, 1],
      [2, 2],
      [3, 3],
    ]);
  });

  test('within one population it needs self-connections allowed', () => {
    expect(() => connectOneToOne({ sourceCount: 4, targetCount: 4, samePopulation: true })).toThrow(
      /allowSelfConnections: true/,
    );
    const c = connectOneToOne({
      sourceCount: 4,
      targetCount: 4,
      samePopulation: true,
      allowSelfConnections: true,
    });
    expect(synapseCount(c)).toBe(4);
  });
});

describe('fixed probability', () => {
  test('a pair connects exactly when its own draw is below p', () => {
    const options = { sourceCount: 30, targetCount: 40, probability: 0.3, seed: SEED, stream: 7 };
    const c = connectFixedProbability(options);
    expectSortedCsr(c);
    const expected: [number, number][] = [];
    for (let i = 0; i < 30; i++) {
      for (let j = 0; j < 40; j++) if (drawUniform(SEED, 7, 0, i * 40 + j) < 0.3) expected.push([i, j]);
    }
    expect(pairsOf(c)).toEqual(expected);
  });

  test('the synapse count lies within a binomial bound', () => {
    const n = 400;
    const p = 0.1;
    const c = connectFixedProbability({ sourceCount: n, targetCount: n, probability: p, seed: SEED });
    const pairs = n * n;
    // 5 standard deviations of Binomial(160000, 0.1): chance of a miss under 1e-6.
    expect(Math.abs(synapseCount(c) - pairs * p)).toBeLessThan(5 * Math.sqrt(pairs * p * (1 - p)));
  });

  test('the same options give the same synapses; another seed or stream gives others', () => {
    const options = { sourceCount: 50, targetCount: 60, probability: 0.2, seed: SEED };
    const a = connectFixedProbability(options);
    const b = connectFixedProbability({ ...options });
    expect(b.targets).toEqual(a.targets);
    expect(b.rowStarts).toEqual(a.rowStarts);
    expect(connectFixedProbability({ ...options, seed: SEED + 1 }).targets).not.toEqual(a.targets);
    expect(connectFixedProbability({ ...options, stream: 1 }).targets).not.toEqual(a.targets);
  });

  test('p = 0 connects nothing and p = 1 connects everything allowed', () => {
    const sizes = { sourceCount: 20, targetCount: 20, seed: SEED, samePopulation: true };
    expect(synapseCount(connectFixedProbability({ ...sizes, probability: 0 }))).toBe(0);
    expect(pairsOf(connectFixedProbability({ ...sizes, probability: 1 }))).toEqual(
      pairsOf(connectAllToAll(sizes)),
    );
  });

  test('self-connections: none within one population by default, drawn like any pair when allowed', () => {
    const sizes = { sourceCount: 30, targetCount: 30, seed: SEED, probability: 0.5, samePopulation: true };
    const without = connectFixedProbability(sizes);
    expect(pairsOf(without).some(([i, j]) => i === j)).toBe(false);
    const withSelf = connectFixedProbability({ ...sizes, allowSelfConnections: true });
    const selfPairs = pairsOf(withSelf).filter(([i, j]) => i === j);
    expect(selfPairs.length).toBeGreaterThan(0);
    expect(pairsOf(withSelf).filter(([i, j]) => i !== j)).toEqual(pairsOf(without));
  });
});

describe('fixed in-degree', () => {
  test('every target gets exactly k distinct sources', () => {
    const k = 12;
    const c = connectFixedInDegree({ sourceCount: 50, targetCount: 80, inDegree: k, seed: SEED });
    expectSortedCsr(c);
    expect(synapseCount(c)).toBe(80 * k);
    const byTarget = new Map<number, Set<number>>();
    for (const [i, j] of pairsOf(c)) byTarget.set(j, (byTarget.get(j) ?? new Set()).add(i));
    for (let j = 0; j < 80; j++) expect(byTarget.get(j)?.size).toBe(k);
  });

  test('within one population no target picks itself, and k may be all other neurons', () => {
    const n = 25;
    const c = connectFixedInDegree({
      sourceCount: n,
      targetCount: n,
      inDegree: n - 1,
      seed: SEED,
      samePopulation: true,
    });
    expect(pairsOf(c)).toEqual(
      pairsOf(connectAllToAll({ sourceCount: n, targetCount: n, samePopulation: true })),
    );
    const some = connectFixedInDegree({
      sourceCount: n,
      targetCount: n,
      inDegree: 5,
      seed: SEED,
      samePopulation: true,
    });
    expect(pairsOf(some).some(([i, j]) => i === j)).toBe(false);
  });

  test('reproducible, and sources are spread about evenly', () => {
    const options = { sourceCount: 20, targetCount: 2000, inDegree: 4, seed: SEED, stream: 3 };
    const a = connectFixedInDegree(options);
    expect(connectFixedInDegree({ ...options }).targets).toEqual(a.targets);
    expect(connectFixedInDegree({ ...options, stream: 4 }).targets).not.toEqual(a.targets);
    // Each source is chosen by each target with probability 4/20: out-degree ~ Binomial(2000, 0.2).
    for (let i = 0; i < 20; i++) {
      const outDegree = a.rowStarts[i + 1]! - a.rowStarts[i]!;
      expect(Math.abs(outDegree - 400)).toBeLessThan(5 * Math.sqrt(2000 * 0.2 * 0.8));
    }
  });
});

describe('explicit pairs', () => {
  test('round trip: sorted by source then target, pairOrder maps back to the given lists', () => {
    const sources = [2, 0, 2, 1, 0, 2];
    const targets = [1, 3, 0, 2, 3, 1];
    const c = connectExplicitPairs({ sourceCount: 3, targetCount: 4, sources, targets });
    expect(pairsOf(c)).toEqual([
      [0, 3],
      [0, 3],
      [1, 2],
      [2, 0],
      [2, 1],
      [2, 1],
    ]);
    expect([...c.pairOrder]).toEqual([1, 4, 3, 2, 0, 5]);
    const back = pairsOf(c).map((_, s) => [sources[c.pairOrder[s]!], targets[c.pairOrder[s]!]]);
    expect(back).toEqual(pairsOf(c));
  });

  test('self-connections in one population are an error unless allowed', () => {
    const options = {
      sourceCount: 3,
      targetCount: 3,
      samePopulation: true,
      sources: [0, 1],
      targets: [1, 1],
    };
    expect(() => connectExplicitPairs(options)).toThrow(/pair 1 connects neuron 1 to itself/);
    expect(synapseCount(connectExplicitPairs({ ...options, allowSelfConnections: true }))).toBe(2);
  });
});

describe('memory', () => {
  test('connectivityBytes counts 4 bytes per synapse and per row start', () => {
    const c = connectAllToAll({ sourceCount: 10, targetCount: 7 });
    expect(connectivityBytes(10, synapseCount(c))).toBe(c.targets.byteLength + c.rowStarts.byteLength);
  });

  test('connectors refuse before allocating past maxBytes', () => {
    const exactly = connectivityBytes(100, 100 * 100);
    expect(synapseCount(connectAllToAll({ sourceCount: 100, targetCount: 100, maxBytes: exactly }))).toBe(
      10000,
    );
    expect(() => connectAllToAll({ sourceCount: 100, targetCount: 100, maxBytes: exactly - 1 })).toThrow(
      /10000 synapses from 100 sources need 40404 bytes, over the limit of 40403; raise maxBytes/,
    );
    expect(() =>
      connectFixedInDegree({ sourceCount: 100, targetCount: 100, inDegree: 50, seed: 1, maxBytes: 1000 }),
    ).toThrow(/5000 synapses from 100 sources need/);
    expect(() =>
      connectFixedProbability({
        sourceCount: 100,
        targetCount: 100,
        probability: 0.5,
        seed: 1,
        maxBytes: 1000,
      }),
    ).toThrow(/synapses from 100 sources need \d+ bytes, over the limit of 1000/);
    // Even the row starts of 2^32 - 1 sources (16 GiB) are refused before allocation.
    expect(() =>
      connectFixedProbability({ sourceCount: 2 ** 32 - 1, targetCount: 1, probability: 0.5, seed: 1 }),
    ).toThrow(/0 synapses from 4294967295 sources need 17179869184 bytes, over the limit of 1073741824/);
    // Counted, not allocated: 3 x 10^4 squared all-to-all would need 3.6 GB.
    expect(() => connectAllToAll({ sourceCount: 3e4, targetCount: 3e4 })).toThrow(
      /over the limit of 1073741824/,
    );
    expect(() =>
      connectAllToAll({ sourceCount: 1e5, targetCount: 1e5, maxBytes: Number.POSITIVE_INFINITY }),
    ).toThrow(/10000000000 synapses exceed the 4294967295 that 32-bit indices address/);
  });
});

describe('bad input', () => {
  const cases: [string, () => unknown, RegExp][] = [
    [
      'fractional size',
      () => connectAllToAll({ sourceCount: 2.5, targetCount: 3 }),
      /sourceCount must be a whole number/,
    ],
    [
      'negative size',
      () => connectAllToAll({ sourceCount: 2, targetCount: -1 }),
      /targetCount must be a whole number/,
    ],
    [
      'one population of two sizes',
      () => connectAllToAll({ sourceCount: 2, targetCount: 3, samePopulation: true }),
      /samePopulation needs sourceCount = targetCount/,
    ],
    [
      'one-to-one of two sizes',
      () => connectOneToOne({ sourceCount: 2, targetCount: 3 }),
      /as many sources as targets/,
    ],
    [
      'p above 1',
      () => connectFixedProbability({ sourceCount: 2, targetCount: 2, probability: 1.5, seed: 0 }),
      /probability must be in \[0, 1\], got 1.5/,
    ],
    [
      'p NaN',
      () => connectFixedProbability({ sourceCount: 2, targetCount: 2, probability: Number.NaN, seed: 0 }),
      /probability must be in \[0, 1\], got NaN/,
    ],
    [
      'negative seed',
      () => connectFixedProbability({ sourceCount: 2, targetCount: 2, probability: 0.5, seed: -3 }),
      /seed must be an integer/,
    ],
    [
      'k above the sources',
      () => connectFixedInDegree({ sourceCount: 5, targetCount: 5, inDegree: 6, seed: 0 }),
      /inDegree 6 exceeds the 5 distinct sources/,
    ],
    [
      'k equal to the sources of one population',
      () =>
        connectFixedInDegree({ sourceCount: 5, targetCount: 5, inDegree: 5, seed: 0, samePopulation: true }),
      /inDegree 5 exceeds the 4 distinct sources .*self-connections excluded/,
    ],
    [
      'fractional k',
      () => connectFixedInDegree({ sourceCount: 5, targetCount: 5, inDegree: 1.5, seed: 0 }),
      /inDegree must be a whole number/,
    ],
    [
      'explicit source out of range',
      () => connectExplicitPairs({ sourceCount: 3, targetCount: 3, sources: [0, 3], targets: [1, 1] }),
      /pair 1 has source 3, outside 0 .. 2/,
    ],
    [
      'explicit negative target',
      () => connectExplicitPairs({ sourceCount: 3, targetCount: 3, sources: [0], targets: [-1] }),
      /pair 0 has target -1/,
    ],
    [
      'explicit fractional target',
      () => connectExplicitPairs({ sourceCount: 3, targetCount: 3, sources: [0], targets: [0.5] }),
      /pair 0 has target 0.5/,
    ],
    [
      'explicit lists of two lengths',
      () => connectExplicitPairs({ sourceCount: 3, targetCount: 3, sources: [0, 1], targets: [1] }),
      /2 sources but 1 targets/,
    ],
    [
      'weights of the wrong length',
      () =>
        checkPerSynapse(connectAllToAll({ sourceCount: 2, targetCount: 2 }), 'weights', new Float64Array(3)),
      /weights has 3 values but the connectivity has 4 synapses/,
    ],
  ];
  test.each(cases)('%s throws a ConnectorError', (_, call, message) => {
    expect(call).toThrow(ConnectorError);
    expect(call).toThrow(message);
    try {
      call();
    } catch (error) {
      expect(error).toBeInstanceOf(SynapticFlowError);
      expect((error as SynapticFlowError).code).toBe('CONNECTOR');
    }
  });
});
