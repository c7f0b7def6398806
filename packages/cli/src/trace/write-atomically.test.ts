import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { tempDirWith } from '../testing/run-cli.js';
import { writeAtomically } from './write-atomically.js';

describe('writeAtomically', () => {
  test('the previous file stays whole until the new one is complete', async () => {
    const dir = tempDirWith({ 'trace.json': 'previous' });
    const path = join(dir, 'trace.json');
    const seen: string[] = [];
    function* pieces() {
      for (let i = 0; i < 50; i++) {
        seen.push(readFileSync(path, 'utf8'));
        yield 'x'.repeat(10_000);
      }
    }
    await writeAtomically(path, pieces());
    expect(new Set(seen)).toEqual(new Set(['previous']));
    expect(readFileSync(path, 'utf8')).toBe('x'.repeat(500_000));
    expect(readdirSync(dir)).toEqual(['trace.json']);
  });

  test('a failure mid-write keeps the previous file and removes the partial one', async () => {
    const dir = tempDirWith({});
    const path = join(dir, 'trace.json');
    writeFileSync(path, 'previous');
    function* failing() {
      yield 'y'.repeat(200_000);
      throw new Error('interrupted');
    }
    await expect(writeAtomically(path, failing())).rejects.toThrow('interrupted');
    expect(readFileSync(path, 'utf8')).toBe('previous');
    expect(readdirSync(dir)).toEqual(['trace.json']);
  });

  test('creates missing folders', async () => {
    const dir = tempDirWith({});
    await writeAtomically(join(dir, 'a', 'b', 'out.json'), ['{}', '\n']);
    expect(readFileSync(join(dir, 'a', 'b', 'out.json'), 'utf8')).toBe('{}\n');
  });
});
