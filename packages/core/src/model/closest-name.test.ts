import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ModelSpecError } from '../errors.js';
import { closestName, editDistanceBelow, MAX_SUGGESTED_NAME_LENGTH, shownName } from './closest-name.js';
import { validateModel } from './validate.js';

/** The plain quadratic distance and search, as typecheck.ts had them: the reference for the bounded ones. */
function fullEditDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current.push(
        Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)),
      );
    }
    previous = current;
  }
  return previous[b.length]!;
}
function referenceClosest(name: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.min(Math.max(2, Math.floor(name.length / 3)) + 1, name.length);
  for (const candidate of candidates) {
    const [a, b] = [name.toLowerCase(), candidate.toLowerCase()];
    const shortening = Math.min(a.length, b.length) >= 3 && (a.startsWith(b) || b.startsWith(a));
    const distance = shortening ? 1 : fullEditDistance(a, b);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'A', '_'), maxLength: 12 });

describe('closestName', () => {
  test('suggests what the unbounded search suggested, for names up to the length cap', () => {
    fc.assert(
      fc.property(word, fc.array(word, { maxLength: 8 }), (name, candidates) => {
        expect(closestName(name, candidates)).toBe(referenceClosest(name, candidates));
      }),
      { seed: 20261203, numRuns: 2000 },
    );
  });

  test('the bounded distance is exact below the bound and the bound otherwise', () => {
    fc.assert(
      fc.property(word, word, fc.integer({ min: 0, max: 14 }), (a, b, bound) => {
        expect(editDistanceBelow(a, b, bound)).toBe(Math.min(fullEditDistance(a, b), bound));
      }),
      { seed: 20261203, numRuns: 2000 },
    );
  });

  test('a shortening counts as one edit; a suggestion never replaces the whole name', () => {
    expect(closestName('const', ['constant', 'steps'])).toBe('constant');
    expect(closestName('stride', ['vars', 'vStride'])).toBe('vStride');
    expect(closestName('u', ['v'])).toBeUndefined();
    expect(closestName('nn', ['n', 'steps'])).toBe('n');
  });

  test('names over the length cap get no suggestion, however close a candidate is', () => {
    const long = 'x'.repeat(MAX_SUGGESTED_NAME_LENGTH + 1);
    expect(closestName(long, [`${long}y`])).toBeUndefined();
    expect(closestName('tau', ['tau_'.padEnd(MAX_SUGGESTED_NAME_LENGTH + 1, 'x'), 'tao'])).toBe('tao');
  });

  test('a 40,001-character unknown name against a 40,001-character parameter: a short error, no suggestion', () => {
    const parameter = 'p'.repeat(40_001);
    const unknown = `${'p'.repeat(40_000)}q`;
    let error: unknown;
    try {
      validateModel({
        name: 'long',
        parameters: { [parameter]: { default: 1 } },
        state: { v: { initial: 0 } },
        equations: { v: unknown },
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ModelSpecError);
    const detail = (error as ModelSpecError).detail;
    expect(detail).not.toContain('did you mean');
    expect(detail).toContain('(40001 characters)');
    expect(detail.length).toBeLessThan(500);
  });

  test('shownName keeps short names and cuts long ones', () => {
    expect(shownName('tau')).toBe('tau');
    expect(shownName('a'.repeat(100))).toBe(`${'a'.repeat(MAX_SUGGESTED_NAME_LENGTH)}… (100 characters)`);
  });
});
