import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli, tempDirWith } from './testing/run-cli.js';

describe('synapticflow simulate: state that overflows the dtype', () => {
  test('an Izhikevich run whose v overflows float32 exits 1 with core’s StateError and writes no trace', async () => {
    // -1e38 is within float32, but v + dt*I with dt = 10 ms is not: v becomes -Infinity at the first step.
    const scenario = {
      model: 'izhikevich',
      n: 1,
      dt: 10,
      steps: 200,
      dtype: 'float32',
      input: { constant: -1e38 },
      record: { vars: ['v'] },
    };
    const dir = tempDirWith({ 'overflow.json': scenario });
    const run = await runCli(['simulate', 'overflow.json', '--out', 'trace.json'], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'synapticflow: state "v" became -Infinity (batch row 0, neuron 0) at step 0; check the model for ' +
        'operations without a finite result (e.g. an input so large that R*I overflows the dtype)\n',
    );
    expect(existsSync(join(dir, 'trace.json'))).toBe(false);
  });
});
