import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli, tempDirWith } from '../testing/run-cli.js';

describe('synapticflow simulate: files and model arguments', () => {
  test('--model takes a model library name where a file is expected; the trace names the model', async () => {
    const dir = tempDirWith({ 's.json': { model: 'elif', n: 2, steps: 50, params: { vPeak: 0 } } });
    const run = await runCli(['simulate', 's.json', '--model', 'adex', '--out', 't.json'], dir);
    // ELIF's vPeak is also an AdEx parameter, so the params still fit.
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('model       adex (n = 2, batch = 1)');
    const trace = JSON.parse(readFileSync(join(dir, 't.json'), 'utf8'));
    expect(trace.scenario.model).toBe('adex');
  });

  test('invalid JSON in a scenario or model file gives the line and column', async () => {
    const dir = tempDirWith({
      'broken.json': '{\n  "model": "elif",\n  "n" 4\n}',
      's.json': { model: 'elif', n: 1, steps: 1 },
      'model.json': '{\n  "name": "x",\n}',
    });
    const scenario = await runCli(['simulate', 'broken.json'], dir);
    expect(scenario.code).toBe(1);
    expect(scenario.stderr).toMatch(
      /^synapticflow: broken\.json: scenario: not valid JSON: .* at line 3, column 7 \(position 27\)\n$/,
    );
    const model = await runCli(['simulate', 's.json', '--model', 'model.json'], dir);
    expect(model.code).toBe(1);
    expect(model.stderr).toMatch(
      /^synapticflow: model file "model\.json" is not valid JSON: .* at line 3, column 1 \(position 17\)\n$/,
    );
  });
});
