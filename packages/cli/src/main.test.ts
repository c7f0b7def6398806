import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { readReference, schemaValidators } from './testing/fixtures.js';
import { runCli, tempDirWith } from './testing/run-cli.js';
import type { TraceFile } from './trace/to-trace.js';

const SMALL = {
  model: 'elif',
  n: 4,
  batchSize: 2,
  dt: 0.1,
  steps: 500,
  dtype: 'float64',
  input: {
    constant: [
      [0.06, 0.1, 0.5, 1],
      [0.2, 0.3, 2, 10],
    ],
  },
  record: { vars: ['v', 'traces'], vStride: 10 },
};

function readTrace(dir: string, name: string): TraceFile {
  return JSON.parse(readFileSync(join(dir, name), 'utf8'));
}

describe('synapticflow simulate', () => {
  test('prints the summary and writes a trace that validates against trace.schema.json', async () => {
    const dir = tempDirWith({ 'small.json': SMALL });
    const run = await runCli(['simulate', 'small.json', '--out', 'out/trace.json', '--v-stride', '3'], dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    for (const label of [
      'model       elif (n = 4, batch = 2)',
      'time        500 steps x dt 0.1 ms = 50 ms',
    ]) {
      expect(run.stdout).toContain(label);
    }
    expect(run.stdout).toMatch(/backend {5}js: js float64 \(fused loop\), refractory steps/);
    expect(run.stdout).toMatch(/spikes {6}\d+ total/);
    expect(run.stdout).toMatch(/throughput {2}[\d.]+ [kMG]? ?neuron-updates\/s/);
    expect(run.stdout).toContain('trace       out/trace.json');

    const trace = readTrace(dir, 'out/trace.json');
    const { trace: validate } = schemaValidators();
    expect(validate(trace), JSON.stringify(validate.errors)).toBe(true);
    expect(trace.spikes.length).toBeGreaterThan(0);
    expect(trace.backend).toBe('js');
    expect(trace.vStride).toBe(3);
    expect(trace.v).toHaveLength(Math.ceil(500 / 3));
    expect(trace.v![0]).toHaveLength(2);
    expect(trace.v![0]![0]).toHaveLength(4);
    expect(trace.traces).toHaveLength(Math.ceil(500 / 3));
  });

  test('flags override the file: dtype, recorded variables and stride', async () => {
    const dir = tempDirWith({ 'small.json': SMALL });
    const args = [
      'simulate',
      'small.json',
      '--dtype=float32',
      '--record',
      'v',
      '--v-stride',
      '7',
      '--out',
      't.json',
    ];
    expect((await runCli(args, dir)).code).toBe(0);
    const trace = readTrace(dir, 't.json');
    expect(trace.dtype).toBe('float32');
    expect(trace.scenario.dtype).toBe('float32');
    expect(trace.scenario.record).toEqual({ vars: ['v'], vStride: 7 });
    expect(trace.vStride).toBe(7);
    expect(trace.v).toHaveLength(Math.ceil(500 / 7));
    expect(trace.traces).toBeUndefined();
  });

  test('an empty --record records nothing, so the trace holds spikes only', async () => {
    const dir = tempDirWith({ 'small.json': SMALL });
    expect((await runCli(['simulate', 'small.json', '--record', '', '--out', 't.json'], dir)).code).toBe(0);
    const trace = readTrace(dir, 't.json');
    expect(trace.v).toBeUndefined();
    expect(trace.vStride).toBeUndefined();
    expect(trace.spikes.length).toBeGreaterThan(0);
  });

  test('reproduces the spikes of a reference scenario exactly', async () => {
    const reference = readReference('elif-const-8.numpy-float64-steps.json');
    const dir = tempDirWith({ 'const-8.json': reference.scenario });
    const run = await runCli(['simulate', 'const-8.json', '--out', 'trace.json'], dir);
    expect(run.code).toBe(0);
    expect(readTrace(dir, 'trace.json').spikes).toEqual(reference.spikes);
    // Eight neurons: the table shows all of them, 0.05 nA (the rheobase) never fires.
    expect(run.stdout).toContain('rate by input (sorted by input):');
    expect(run.stdout).toMatch(/ 1 +0\.05 +0\.0\n/);
  });

  test('draws no progress bar when stderr is not a terminal', async () => {
    const dir = tempDirWith({ 'small.json': SMALL });
    expect((await runCli(['simulate', 'small.json'], dir)).stderr).toBe('');
  });
});

describe('synapticflow errors', () => {
  test('a scenario error exits 1 with the field path and no stack trace', async () => {
    const bad = {
      ...SMALL,
      input: {
        constant: [
          [0, 0, 0, 0],
          [0, 0, 0, 'x'],
        ],
      },
    };
    const run = await runCli(['simulate', 'bad.json'], tempDirWith({ 'bad.json': bad }));
    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr: 'synapticflow: bad.json: scenario.input.constant[1][3]: expected a finite number, got "x"\n',
    });
  });

  test('unreadable and malformed files exit 1', async () => {
    const dir = tempDirWith({ 'broken.json': '{"model": ' });
    const missing = await runCli(['simulate', 'missing.json'], dir);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(
      /^synapticflow: cannot read scenario file "missing.json" \(.*missing\.json\): ENOENT/,
    );
    const broken = await runCli(['simulate', 'broken.json'], dir);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/^synapticflow: broken.json: scenario: not valid JSON: /);
    expect(broken.stderr).not.toMatch(/\n\s+at /);
  });

  test('errors from the core exit 1 with their message', async () => {
    const dir = tempDirWith({ 'off.json': { ...SMALL, traces: { enabled: false } } });
    const run = await runCli(['simulate', 'off.json'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'synapticflow: scenario.record.vars[1]: cannot record "traces"; spike traces are off (scenario.traces.enabled is false)\n',
    );
  });

  test.each([
    [['simulat'], 'synapticflow: unknown command "simulat"; expected one of simulate, conformance, --help'],
    [['--verbose'], 'synapticflow: unknown flag "--verbose"; expected one of simulate, conformance, --help'],
    [[], 'synapticflow: no command given; expected one of simulate, conformance'],
    [
      ['simulate', 'x.json', '--fast'],
      'synapticflow simulate: unknown flag "--fast"; expected one of --backend, --dtype, --out, --record, --v-stride, --help',
    ],
    [['simulate'], 'synapticflow simulate: expected one scenario file, got none'],
    [
      ['simulate', 'a.json', 'b.json'],
      'synapticflow simulate: expected one scenario file, got "a.json", "b.json"',
    ],
    [['simulate', 'x.json', '--out'], 'synapticflow simulate: --out needs a value'],
    [
      ['simulate', 'x.json', '--dtype', 'float16'],
      'synapticflow simulate: --dtype must be float32 or float64, got "float16"',
    ],
    [
      ['simulate', 'x.json', '--backend', 'cuda'],
      'synapticflow simulate: unknown backend "cuda" for --backend; available: js',
    ],
    [
      ['simulate', 'x.json', '--record', 'v,u'],
      'synapticflow simulate: --record takes a comma-separated list of v, traces; got "u"',
    ],
    [
      ['simulate', 'x.json', '--v-stride', '0'],
      'synapticflow simulate: --v-stride must be a positive integer, got "0"',
    ],
  ])('synapticflow %j is a usage error (exit 2)', async (argv, message) => {
    const run = await runCli(argv, tempDirWith({}));
    expect(run.code).toBe(2);
    const command = message.slice(0, message.indexOf(':'));
    expect(run.stderr).toBe(`${message}\nRun "${command} --help" for usage.\n`);
  });

  test('--help and simulate --help print usage and exit 0', async () => {
    const dir = tempDirWith({});
    const top = await runCli(['--help'], dir);
    expect(top.code).toBe(0);
    expect(top.stdout).toContain('synapticflow simulate SCENARIO.json [options]');
    const simulate = await runCli(['simulate', '--help'], dir);
    expect(simulate.code).toBe(0);
    expect(simulate.stdout).toContain('--v-stride K');
    expect(simulate.stdout).toContain('"linspace": [from, to]');
  });
});
