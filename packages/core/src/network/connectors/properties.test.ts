import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { drawUniform } from '../../random/draws.js';
import { columnIndex } from './columns.js';
import { type Connectivity, synapseSources } from './connectivity.js';
import { connectExplicitPairs } from './explicit-pairs.js';
import { connectFixedInDegree } from './fixed-in-degree.js';
import { connectFixedProbability } from './fixed-probability.js';

const RUNS = { seed: 7, numRuns: 60 };

function pairsOf(connectivity: Connectivity): string[] {
  const sources = synapseSources(connectivity);
  return [...connectivity.targets].map((j, s) => `${sources[s]}>${j}`);
}

describe('connector properties', () => {
  test('explicit pairs: the synapses are the given pairs, sorted, and pairOrder is a permutation back to them', () => {
    const lists = fc
      .record({ sourceCount: fc.integer({ min: 1, max: 12 }), targetCount: fc.integer({ min: 1, max: 12 }) })
      .chain(({ sourceCount, targetCount }) =>
        fc.record({
          sourceCount: fc.constant(sourceCount),
          targetCount: fc.constant(targetCount),
          pairs: fc.array(fc.tuple(fc.nat(sourceCount - 1), fc.nat(targetCount - 1)), { maxLength: 60 }),
        }),
      );
    fc.assert(
      fc.property(lists, ({ sourceCount, targetCount, pairs }) => {
        const sources = pairs.map(([i]) => i);
        const targets = pairs.map(([, j]) => j);
        const c = connectExplicitPairs({ sourceCount, targetCount, sources, targets });
        const given = pairs.map(([i, j]) => `${i}>${j}`);
        const sorted = [...pairs].sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(([i, j]) => `${i}>${j}`);
        expect(pairsOf(c)).toEqual(sorted);
        expect([...c.pairOrder].sort((a, b) => a - b)).toEqual(pairs.map((_, p) => p));
        expect([...c.pairOrder].map((p) => given[p])).toEqual(pairsOf(c));
      }),
      RUNS,
    );
  });

  test('fixed probability: exactly the pairs whose own draw is below p, for any sizes and p', () => {
    const options = fc.record({
      sourceCount: fc.integer({ min: 0, max: 15 }),
      targetCount: fc.integer({ min: 0, max: 15 }),
      probability: fc.double({ min: 0, max: 1, noNaN: true }),
      seed: fc.nat(),
      stream: fc.nat(),
    });
    fc.assert(
      fc.property(options, (o) => {
        const expected: string[] = [];
        for (let i = 0; i < o.sourceCount; i++) {
          for (let j = 0; j < o.targetCount; j++) {
            if (drawUniform(o.seed, o.stream, 0, i * o.targetCount + j) < o.probability)
              expected.push(`${i}>${j}`);
          }
        }
        expect(pairsOf(connectFixedProbability(o))).toEqual(expected);
      }),
      RUNS,
    );
  });

  test('fixed in-degree: a target keeps its sources when more targets are added', () => {
    const options = fc.record({
      sourceCount: fc.integer({ min: 1, max: 30 }),
      targetCount: fc.integer({ min: 1, max: 20 }),
      extraTargets: fc.integer({ min: 1, max: 20 }),
      fraction: fc.double({ min: 0, max: 1, noNaN: true }),
      seed: fc.nat(),
    });
    fc.assert(
      fc.property(options, ({ sourceCount, targetCount, extraTargets, fraction, seed }) => {
        const inDegree = Math.floor(fraction * sourceCount);
        const small = connectFixedInDegree({ sourceCount, targetCount, inDegree, seed });
        const large = connectFixedInDegree({
          sourceCount,
          targetCount: targetCount + extraTargets,
          inDegree,
          seed,
        });
        const sourcesOfTargetsBelow = (c: Connectivity) =>
          pairsOf(c).filter((pair) => Number(pair.split('>')[1]) < targetCount);
        expect(pairsOf(small)).toEqual(sourcesOfTargetsBelow(large));
      }),
      RUNS,
    );
  });

  test('column index: the same synapses grouped by target, ascending by source, pointing at row order', () => {
    const c = connectFixedProbability({ sourceCount: 40, targetCount: 30, probability: 0.2, seed: 5 });
    const { columnStarts, sources, synapseIndex } = columnIndex(c);
    const rowSources = synapseSources(c);
    expect(columnStarts[30]).toBe(c.targets.length);
    const seen = new Set<number>();
    for (let j = 0; j < 30; j++) {
      for (let t = columnStarts[j]!; t < columnStarts[j + 1]!; t++) {
        const s = synapseIndex[t]!;
        expect(c.targets[s]).toBe(j);
        expect(rowSources[s]).toBe(sources[t]);
        if (t > columnStarts[j]!) expect(sources[t]!).toBeGreaterThan(sources[t - 1]!);
        seen.add(s);
      }
    }
    expect(seen.size).toBe(c.targets.length);
  });
});
