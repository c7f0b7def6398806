import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { FileError } from '../errors.js';
import { runCli, tempDirWith } from '../testing/run-cli.js';
import { describeJsonError } from './parse-json.js';
import { readModelFile } from './read-scenario-file.js';

function parseError(text: string): unknown {
  try {
    JSON.parse(text);
  } catch (error) {
    return error;
  }
  throw new Error(`expected ${text} not to parse`);
}

describe('invalid JSON', () => {
  test('names the line and column of the mistake', () => {
    const text = '{\n  "n": 4,\n  steps: 10\n}';
    expect(describeJsonError(text, parseError(text))).toMatch(/at line 3, column 3\b/);
  });

  test('names the end of the file when the text stops early', () => {
    const text = '{\n  "n": [4,\n';
    expect(describeJsonError(text, parseError(text))).toMatch(/line 3, column 1, the end of the file/);
  });

  test('model files and scenario files report it', async () => {
    const dir = tempDirWith({
      'model.json': '{\n "name": "x",\n}',
      'broken.json': '{\n "model": "elif",\n n: 3}',
    });
    await expect(readModelFile(join(dir, 'model.json'), 'model.json')).rejects.toThrow(FileError);
    await expect(readModelFile(join(dir, 'model.json'), 'model.json')).rejects.toThrow(
      /model file "model.json" is not valid JSON: .* at line 3, column 1/,
    );
    const run = await runCli(['simulate', 'broken.json'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/broken\.json: .*not valid JSON: .* at line 3, column 2/);
  });
});
