import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { runCli, tempDirWith } from '../testing/run-cli.js';

const EXAMPLES = new URL('../../../../examples/', import.meta.url);

/** An example network, run for `duration` ms through the CLI; the summary's row of each group. */
async function runExample(name: string, duration: number, threads = 1) {
  const scenario = JSON.parse(readFileSync(new URL(name, EXAMPLES), 'utf8'));
  scenario.network.duration = duration;
  const dir = tempDirWith({ [name]: scenario });
  const run = await runCli(['simulate', name, '--threads', String(threads)], dir);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const rows = new Map<string, { rate: number; cv: number; chi: number }>();
  for (const match of run.stdout.matchAll(/^ {2}(\w+) +\w+ +\d+ +\d+ +([\d.]+) +([\d.-]+) +([\d.-]+)$/gm)) {
    rows.set(match[1]!, { rate: Number(match[2]), cv: Number(match[3]), chi: Number(match[4]) });
  }
  return { stdout: run.stdout, rows };
}

describe('example networks run in their regimes', () => {
  // Brian2 2.5.1 (cpp_standalone) runs the same networks at 37 Hz with ISI CV 0.42 and χ 0.23 (Brunel) and
  // 5.7 Hz (CUBA); the bounds leave room for other connectivity draws and a run of 200 ms.
  test('brunel.json: asynchronous (χ far below 1) and irregular, at the rate Brian2 gives', async () => {
    const { rows } = await runExample('brunel.json', 200, 2);
    for (const name of ['exc', 'inh']) {
      const { rate, cv, chi } = rows.get(name)!;
      expect(rate, name).toBeGreaterThan(30);
      expect(rate, name).toBeLessThan(48);
      expect(cv, name).toBeGreaterThan(0.3);
      expect(cv, name).toBeLessThan(0.6);
      expect(chi, name).toBeLessThan(0.4);
    }
    // The external pool fires at its rate, 200 Hz, as Poisson trains (CV 1) independently (χ about 1/√10000).
    const external = rows.get('external')!;
    expect(external.rate).toBeGreaterThan(190);
    expect(external.rate).toBeLessThan(210);
    expect(external.cv).toBeGreaterThan(0.9);
    expect(external.chi).toBeLessThan(0.05);
  }, 120_000);

  test('cuba.json: asynchronous firing of a few Hz', async () => {
    const { rows } = await runExample('cuba.json', 200);
    for (const name of ['exc', 'inh']) {
      const { rate, chi } = rows.get(name)!;
      expect(rate, name).toBeGreaterThan(3);
      expect(rate, name).toBeLessThan(10);
      expect(chi, name).toBeLessThan(0.2);
    }
  }, 120_000);
});
