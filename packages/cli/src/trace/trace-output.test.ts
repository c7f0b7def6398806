import { readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { RecordingTooLargeError } from '../errors.js';
import { parseScenario } from '../scenario/parse-scenario.js';
import { simulateScenario } from '../simulate.js';
import { runCli, tempDirWith } from '../testing/run-cli.js';
import { checkRecordingFits, recordingBytes } from './recording-size.js';

const SMALL = { model: 'elif', n: 3, steps: 100, input: { constant: 2 }, record: { vars: ['v'] } };

describe('simulate --out', () => {
  test('refuses to write over the scenario or model file, by any name', async () => {
    const dir = tempDirWith({ 'small.json': SMALL });
    symlinkSync(join(dir, 'small.json'), join(dir, 'link.json'));
    const before = readFileSync(join(dir, 'small.json'), 'utf8');
    for (const out of ['small.json', './small.json', 'link.json']) {
      const run = await runCli(['simulate', 'small.json', '--out', out], dir);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(
        `--out "${out}" is the scenario file; writing the trace would overwrite it`,
      );
    }
    const model = await runCli(['simulate', 'small.json', '--model', 'm.json', '--out', 'm.json'], dir);
    expect(model.stderr).toContain('is the --model file');
    expect(readFileSync(join(dir, 'small.json'), 'utf8')).toBe(before);
  });

  test('replaces an existing trace whole, leaving no temporary file', async () => {
    const dir = tempDirWith({ 'small.json': SMALL, 'trace.json': 'old' });
    const run = await runCli(['simulate', 'small.json', '--out', 'trace.json'], dir);
    expect(run.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'trace.json'), 'utf8')).v).toHaveLength(100);
    expect(readdirSync(dir).sort()).toEqual(['small.json', 'trace.json']);
  });

  test('says that a recording without --out is discarded', async () => {
    const dir = tempDirWith({ 'small.json': SMALL });
    const run = await runCli(['simulate', 'small.json'], dir);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('warning: recorded v without --out, so the recording was discarded');
    const none = await runCli(['simulate', 'small.json', '--record', ''], dir);
    expect(none.stderr).toBe('');
  });
});

describe('oversized recordings', () => {
  const huge = parseScenario({
    model: 'elif',
    n: 1e6,
    steps: 1e7,
    dtype: 'float64',
    record: { vars: ['v'] },
  });

  test('are refused before anything is allocated, naming the size and a stride that fits', () => {
    expect(recordingBytes(huge)).toBe(8e13);
    expect(() => checkRecordingFits(huge, 1e10)).toThrow(RecordingTooLargeError);
    expect(() => checkRecordingFits(huge, 1e10)).toThrow(
      /needs 80\.0 TB, more than the 10\.0 GB allowed .* record every 10000th step \(--v-stride 10000, 8\.00 GB\)/,
    );
    expect(() => checkRecordingFits({ ...huge, record: { vars: ['v'], vStride: 1e4 } }, 1e10)).not.toThrow();
  });

  test('on the command line, with exit code 1', async () => {
    const dir = tempDirWith({ 'huge.json': huge });
    const run = await runCli(['simulate', 'huge.json', '--out', 'trace.json'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^synapticflow: recording v every step of 10000000 steps for 1000000 neurons needs 80\.0 TB/,
    );
    expect(readdirSync(dir)).toEqual(['huge.json']);
  });
});

describe('a stride longer than a chunk', () => {
  test('still runs in chunks and records the state after step 0', async () => {
    const base = { model: 'elif', n: 10, steps: 1000, input: { constant: { linspace: [0, 3] } } };
    let calls = 0;
    const strided = await simulateScenario(
      parseScenario({ ...base, record: { vars: ['v'], vStride: Number.MAX_SAFE_INTEGER } }),
      { chunkUpdates: 1000, onProgress: () => calls++ },
    );
    const every = await simulateScenario(parseScenario({ ...base, record: { vars: ['v'] } }));
    expect(calls).toBe(10);
    expect(Array.from(strided.recorded.v!)).toEqual(Array.from(every.recorded.v!.subarray(0, 10)));
    expect(Array.from(strided.spikeCounts)).toEqual(Array.from(every.spikeCounts));
  });
});
