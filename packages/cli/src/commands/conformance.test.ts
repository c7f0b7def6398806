import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { runCli, tempDirWith } from '../testing/run-cli.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures');
const QUICK = ['--effort', '0.3'];

// The matrix runs take 3-10 s on an idle machine; a loaded one can take several times that.
describe('synapticflow conformance', { timeout: 120_000 }, () => {
  test('prints the matrix for the js backend and exits 0 when no cell fails', async () => {
    const dir = tempDirWith({});
    const run = await runCli(
      ['conformance', '--checks', 'one-step,invariances', ...QUICK, '--json', 'report.json'],
      dir,
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^check +\| js float32 +\| js float64 +\| js float32, fast/);
    expect(run.stdout).toMatch(/one step from sampled states vs the float64 oracle +\| OK [\d.]+ ulp/);
    expect(run.stdout).toContain('no check failed');
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    expect(report.columns.map((c: { label: string }) => c.label)).toEqual([
      'js float32',
      'js float64',
      'js float32, fast',
    ]);
    expect(report.rows).toHaveLength(2);
    expect(report.passed).toBe(true);
  });

  test('a broken backend module gets FAIL cells and exit code 1', async () => {
    const module = join(FIXTURES, 'backends', 'reset-skipping-backend.mjs');
    const run = await runCli(
      ['conformance', '--backend-module', module, '--checks', 'one-step,reference-traces', ...QUICK],
      tempDirWith({}),
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/js with skipped-reset float32/);
    expect(run.stdout).toMatch(/trajectories vs the seed and float64 reference traces +\| FAIL/);
    expect(run.stdout).toMatch(/\d+ cells FAIL/);
  });

  test('a model file gets the generic checks; ELIF-only checks are N/A', async () => {
    const run = await runCli(
      [
        'conformance',
        '--model',
        join(FIXTURES, 'models', 'lif.json'),
        '--checks',
        'oracle-trajectories,analytic-elif',
        ...QUICK,
      ],
      tempDirWith({}),
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/trajectories \(3000 steps\) vs the float64 oracle +\| OK/);
    expect(run.stdout).toMatch(/ELIF rheobase and firing period vs the continuous model +\| N\/A +\| N\/A/);
  });

  test('command-line mistakes exit with 2 and name the problem', async () => {
    const dir = tempDirWith({});
    const unknownBackend = await runCli(['conformance', '--backends', 'js,cuda'], dir);
    expect(unknownBackend.code).toBe(2);
    expect(unknownBackend.stderr).toContain(
      'unknown backend "cuda" in --backends; available: js, wasm, tfjs, gpujs',
    );
    const unknownCheck = await runCli(['conformance', '--checks', 'vibes'], dir);
    expect(unknownCheck.code).toBe(2);
    expect(unknownCheck.stderr).toContain('unknown check "vibes"');
  });

  test('a malformed model file is a model error naming the field', async () => {
    const dir = tempDirWith({
      'bad.json': { name: 'bad', parameters: {}, state: { v: { initial: 0 } }, equations: { v: 'v +' } },
    });
    const run = await runCli(['conformance', '--model', 'bad.json'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('model "bad", equation for v: unexpected end of expression at column 4');
    expect(run.stderr).toMatch(/^synapticflow: bad\.json: model: model "bad"/);
  });

  test('--model takes a model library name as well as a file', async () => {
    const dir = tempDirWith({});
    const run = await runCli(
      ['conformance', '--model', 'adex', '--checks', 'one-step', ...QUICK, '--json', 'r.json'],
      dir,
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'));
    expect(report.rows.map((row: { model: string }) => row.model)).toEqual(['adex']);
  });
});

describe('synapticflow conformance on every built-in backend', () => {
  test('tfjs, wasm and both gpu.js modes in Node each get their columns, and no cell fails', async () => {
    const run = await runCli(
      [
        'conformance',
        '--backends',
        'js,wasm,tfjs,gpujs',
        '--checks',
        'one-step,invariances',
        '--effort',
        '0.2',
      ],
      tempDirWith({}),
    );
    expect(run.stdout).toMatch(
      /js float32 .*\| js float64 .*\| js float32, fast .*\| wasm float32 .*\| wasm float64 .*\| wasm float32, fast .*\| wasm float64, fast .*\| tfjs-cpu float32 .*\| gpujs gpu float32 .*\| gpujs cpu float32/,
    );
    expect(run.code).toBe(0);
  }, 120_000);
});
