import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { runCli, tempDirWith } from './testing/run-cli.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** The `my-backend.mjs` block of docs/backend-interface.md, exactly as a reader would copy it. */
function documentedBackend(): string {
  const doc = readFileSync(join(ROOT, 'docs', 'backend-interface.md'), 'utf8');
  const block = /```js\n(\/\/ my-backend\.mjs\n[\s\S]*?)```/.exec(doc);
  if (!block) throw new Error('docs/backend-interface.md has no js block starting with "// my-backend.mjs"');
  return block[1]!;
}

// The matrix runs take seconds, more under load.
describe('the backend in docs/backend-interface.md', { timeout: 120_000 }, () => {
  test('runs through --backend-module from a folder outside the repository, with @synapticflow/core installed there', async () => {
    const args = [
      'conformance',
      '--backend-module',
      'my-backend.mjs',
      '--checks',
      'one-step,reference-traces',
    ];

    // Without the package installed next to it, the module's own import fails (the CLI's copy does not count).
    const missing = await runCli(args, tempDirWith({ 'my-backend.mjs': documentedBackend() }));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`Cannot find package '@synapticflow/core'`);
    expect(missing.stderr).toContain('npm install @synapticflow/core');

    const project = tempDirWith({ 'my-backend.mjs': documentedBackend() });
    // What `npm install @synapticflow/core` gives the project: the package in its own node_modules.
    mkdirSync(join(project, 'node_modules', '@synapticflow'), { recursive: true });
    symlinkSync(
      join(ROOT, 'packages', 'core'),
      join(project, 'node_modules', '@synapticflow', 'core'),
      'dir',
    );
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'my-backend', type: 'module' }));
    // The documented backend interprets the program neuron by neuron: a small span keeps this test quick.
    const run = await runCli([...args, '--effort', '0.3', '--span', '256'], project);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^check +\| mine float64/);
    expect(run.stdout).toMatch(/one step from sampled states vs the float64 oracle +\| OK/);
    expect(run.stdout).toMatch(/trajectories vs the seed and float64 reference traces +\| OK/);
    expect(run.code).toBe(0);

    // simulate runs it too, with the spikes backend-js gives in float64.
    const scenario = {
      model: 'elif',
      n: 20,
      steps: 2000,
      dtype: 'float64',
      input: { constant: { linspace: [0, 2] } },
    };
    writeFileSync(join(project, 'scenario.json'), JSON.stringify(scenario));
    const mine = await runCli(
      ['simulate', 'scenario.json', '--backend-module', 'my-backend.mjs', '--out', 'mine.json'],
      project,
    );
    expect(mine.stderr).toBe('');
    expect(mine.stdout).toContain('mine float64 (interpreter)');
    const js = await runCli(['simulate', 'scenario.json', '--backend', 'js', '--out', 'js.json'], project);
    const spikesOf = (name: string) => JSON.parse(readFileSync(join(project, name), 'utf8')).spikes;
    expect(spikesOf('mine.json').length).toBeGreaterThan(0);
    expect(spikesOf('mine.json')).toEqual(spikesOf('js.json'));
    expect(js.code).toBe(0);
  });
});
