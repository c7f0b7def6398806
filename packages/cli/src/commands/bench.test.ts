import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli, tempDirWith } from '../testing/run-cli.js';

const hasCc = spawnSync('cc', ['--version']).status === 0;

describe('synapticflow bench', () => {
  test('measures every backend configuration against the hand-written loop, and writes JSON', async () => {
    const dir = tempDirWith({});
    const run = await runCli(
      [
        'bench',
        '--sizes',
        '10,100',
        '--reps',
        '1',
        '--updates',
        '2000',
        '--brian2',
        'off',
        '--threads',
        '1,2',
        '--json',
        'bench.json',
      ],
      dir,
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^node v\d+/);
    expect(run.stdout).toMatch(/\n *10 +hand-written JS loop +[\d.]+ +[\d.]+-[\d.]+ +1\.00x/);
    expect(run.stdout).toMatch(/\n *100 +js float32 +[\d.]+ .* 9 *\n/);
    const { rows } = JSON.parse(readFileSync(join(dir, 'bench.json'), 'utf8'));
    const names = rows
      .filter((r: { n: number }) => r.n === 100)
      .map((r: { implementation: string }) => r.implementation);
    expect(names).toEqual([
      'hand-written JS loop',
      'hand-written JS loop, fround',
      'js float32',
      'js float64',
      'js float32, fast',
      'js float32, 2 threads',
      'js float64, 2 threads',
      'js float32, fast, 2 threads',
      'wasm float32',
      'wasm float64',
      'wasm float32, fast',
      'wasm float64, fast',
      'wasm float32, 2 threads',
      'wasm float64, 2 threads',
      'wasm float32, fast, 2 threads',
      'wasm float64, fast, 2 threads',
      'tfjs-cpu float32',
      'gpujs gpu float32',
      'gpujs cpu float32',
      // Where `cc` builds it (with OpenMP here), the C ceiling on each thread count.
      ...(hasCc
        ? ['hand-written C, -O3 -ffast-math, 1 thread', 'hand-written C, -O3 -ffast-math, 2 threads']
        : []),
      // And the same loop held to wasm's 128-bit vectors without FMA, where the compiler takes x86 flags.
      ...(hasCc && process.arch === 'x64'
        ? [
            'hand-written C at wasm SIMD width (128-bit, no FMA), 1 thread',
            'hand-written C at wasm SIMD width (128-bit, no FMA), 2 threads',
          ]
        : []),
    ]);
    if (hasCc) expect(run.stdout).toMatch(/of C ceiling, same threads/);
    for (const row of rows) expect(row.rate.median).toBeGreaterThan(0);
  });

  test('flag mistakes exit with 2', async () => {
    const dir = tempDirWith({});
    expect((await runCli(['bench', '--sizes', '10,ten'], dir)).stderr).toContain(
      'invalid size "ten" in --sizes',
    );
    expect((await runCli(['bench', '--brian2', 'maybe'], dir)).code).toBe(2);
    expect((await runCli(['bench', '--threads', '0'], dir)).stderr).toContain(
      '--threads must be a whole number of at least 1, got "0"',
    );
  });

  test('refuses runs too long or too large to finish, and thread counts the machine cannot use', async () => {
    const dir = tempDirWith({});
    const updates = await runCli(['bench', '--updates', '1e20'], dir);
    expect(updates.code).toBe(2);
    expect(updates.stderr).toContain('--updates 1e20 is too many: at most 1e9');
    expect((await runCli(['bench', '--reps', '1e6'], dir)).stderr).toContain(
      '--reps 1e6 is too many: at most 100',
    );
    expect((await runCli(['bench', '--sizes', '10,1e12'], dir)).stderr).toContain(
      'size 1e12 in --sizes is too large',
    );
    const threads = await runCli(['bench', '--threads', '1,200'], dir);
    expect(threads.code).toBe(2);
    expect(threads.stderr).toMatch(/--threads 200 is more than this machine can use: at most \d+ here/);
  });
});
