import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli, tempDirWith } from '../testing/run-cli.js';

// Six configurations per thread count (js and wasm, both dtypes, wasm fast too), each building CUBA's 320,000
// synapses: tens of seconds, minutes on a loaded machine.
describe('synapticflow bench --network', () => {
  test('times CUBA on each backend and thread count, and writes the rows as JSON', async () => {
    const dir = tempDirWith({});
    const run = await runCli(
      [
        'bench',
        ...['--network', 'cuba', '--duration', '5', '--reps', '1', '--brian2', 'off'],
        ...['--backends', 'js,wasm', '--threads', '1', '--json', 'bench.json'],
      ],
      dir,
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^node v\d+/);
    expect(run.stdout).toMatch(/\ncuba \(4000 neurons, \d+ synapses\) +js float64 +[\d.]+ /);
    expect(run.stdout).toMatch(/\ncuba \(4000 neurons, \d+ synapses\) +wasm float64 +[\d.]+ /);
    const { network, rows } = JSON.parse(readFileSync(join(dir, 'bench.json'), 'utf8'));
    expect(network).toEqual({
      name: 'cuba',
      n: 4000,
      probability: 0.02,
      connector: 'fixed-probability',
      duration: 5,
    });
    // Float64 rows first, then float32 ones, exact and fast.
    expect(rows.map((r: { implementation: string }) => r.implementation)).toEqual([
      'js float64',
      'wasm float64',
      'wasm float64, fast',
      'js float32',
      'js float32, fast',
      'wasm float32',
      'wasm float32, fast',
    ]);
    expect(rows.map((r: { dtype: string }) => r.dtype)).toEqual([
      ...['float64', 'float64', 'float64'],
      ...['float32', 'float32', 'float32', 'float32'],
    ]);
    expect(rows[2].detail).toMatch(/fast arithmetic/);
    expect(rows[4].detail).toMatch(/^js float32 network.*, fast arithmetic$/);
    expect(run.stdout).toMatch(/\ncuba \(4000 neurons, \d+ synapses\) +wasm float32, fast +[\d.]+ /);
    // Both ran the same network: same synapses, and the same spikes (the backends agree bit for bit in float64).
    expect(rows[0].synapses).toBe(rows[1].synapses);
    // About 4000*4000*0.02 synapses, less the self-connections left out.
    expect(rows[0].synapses).toBeGreaterThan(300_000);
    expect(rows[0].synapses).toBeLessThan(340_000);
    expect(rows[0].spikes).toBeGreaterThan(0);
    expect(rows[0].spikes).toBe(rows[1].spikes);
    expect(rows[0].steps).toBe(50);
    expect(rows[0].bytesPerSynapse).toBeGreaterThan(4);
  }, 300_000);

  test('a "2 threads" row splits even CUBA\'s small populations over two threads', async () => {
    const dir = tempDirWith({});
    const run = await runCli(
      [
        'bench',
        ...['--network', 'cuba', '--duration', '2', '--reps', '1', '--brian2', 'off'],
        ...['--backends', 'js,wasm', '--threads', '2', '--json', 'bench.json'],
      ],
      dir,
    );
    expect(run.code).toBe(0);
    const { rows } = JSON.parse(readFileSync(join(dir, 'bench.json'), 'utf8'));
    const js = expect.stringMatching(
      /\(event-driven delivery split by target\), phases of 2 populations on 2 threads/,
    );
    const jsFast = expect.stringMatching(/fast arithmetic, phases of 2 populations on 2 threads/);
    const wasm = [
      expect.stringMatching(/phases on 2 threads \(networks of 0 neurons and more\)/),
      expect.stringMatching(/fast arithmetic, phases on 2 threads \(networks of 0 neurons and more\)/),
    ];
    // float64 first (backend-js's fast mode is float32 only), then float32.
    expect(rows.map((r: { detail: string }) => r.detail)).toEqual([js, ...wasm, js, jsFast, ...wasm]);
  }, 300_000);

  test('flag mistakes exit with 2', async () => {
    const dir = tempDirWith({});
    const run = await runCli(['bench', '--network', 'cuba', '--backends', 'tfjs'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('backend "tfjs" in --backends does not run networks; use js or wasm');
  });
});
