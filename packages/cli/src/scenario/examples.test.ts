import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { isNetworkScenario, loadNetworkScenario } from '../network/parse-network-scenario.js';
import { parseScenario } from './parse-scenario.js';
import { readModelFile } from './read-scenario-file.js';

const EXAMPLES = new URL('../../../../examples/', import.meta.url);
const scenarios = readdirSync(EXAMPLES).filter((name) => name.endsWith('.json'));
const models = readdirSync(new URL('models/', EXAMPLES)).filter((name) => name.endsWith('.json'));

describe('the examples folder', () => {
  test('holds scenario files and model files', () => {
    expect(scenarios.length).toBeGreaterThan(0);
    expect(models.length).toBeGreaterThan(0);
  });

  test.each(scenarios)('%s is a valid scenario, listed in examples/README.md', (name) => {
    const json = JSON.parse(readFileSync(new URL(name, EXAMPLES), 'utf8'));
    const parsed = isNetworkScenario(json) ? loadNetworkScenario(json).scenario : parseScenario(json);
    expect(parsed).toEqual(json);
    expect(readFileSync(new URL('README.md', EXAMPLES), 'utf8')).toContain(`\`${name}\``);
  });

  test.each(models)('models/%s is a valid model spec', async (name) => {
    const model = await readModelFile(new URL(`models/${name}`, EXAMPLES).pathname, name);
    expect(model.library).toBe(false);
  });
});
