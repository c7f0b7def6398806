import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { INLINE_LIF, readReference, schemaValidators } from './testing/fixtures.js';
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

  test('--threads splits a wasm or js run over threads with the same spikes, value for value', async () => {
    const wide = { model: 'elif', n: 300, dt: 0.1, steps: 400, input: { constant: { linspace: [0, 2] } } };
    const dir = tempDirWith({ 'wide.json': wide });
    const traces: unknown[] = [];
    for (const [backend, threads] of [
      ['wasm', '1'],
      ['wasm', '2'],
      ['js', '1'],
      ['js', '3'],
    ] as const) {
      const out = `${backend}-${threads}.json`;
      const run = await runCli(
        ['simulate', 'wide.json', '--backend', backend, '--threads', threads, '--out', out],
        dir,
      );
      expect(run.code, run.stderr).toBe(0);
      if (threads !== '1') expect(run.stdout).toContain(`${threads} threads)`);
      traces.push(readTrace(dir, out).spikes);
    }
    expect((traces[0] as unknown[]).length).toBeGreaterThan(0);
    expect(traces[1]).toEqual(traces[0]);
    expect(traces[3]).toEqual(traces[2]);
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
    expect((await runCli(['simulate', 'small.json', '--record', ''], dir)).stderr).toBe('');
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
    [
      ['simulat'],
      'synapticflow: unknown command "simulat"; expected one of simulate, conformance, bench, plot, --help',
    ],
    [
      ['--verbose'],
      'synapticflow: unknown flag "--verbose"; expected one of simulate, conformance, bench, plot, --help',
    ],
    [[], 'synapticflow: no command given; expected one of simulate, conformance, bench, plot'],
    [
      ['simulate', 'x.json', '--fast'],
      'synapticflow simulate: unknown flag "--fast"; expected one of --backend, --backend-module, --threads, --dtype, --model, --integrator, --out, --record, --v-stride, --plot, --plot-kind, --help',
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
      'synapticflow simulate: unknown backend "cuda" for --backend; available: js, wasm, tfjs, gpujs',
    ],
    [
      ['simulate', 'x.json', '--backend', 'tfjs', '--threads', '2'],
      'synapticflow simulate: --threads 2: backend "tfjs" has no threads option; threads work on js, wasm',
    ],
    [
      ['simulate', 'x.json', '--threads', 'two'],
      'synapticflow simulate: --threads must be a whole number of at least 1, got "two"',
    ],
    [
      ['simulate', 'x.json', '--record', 'v,1u'],
      'synapticflow simulate: --record takes a comma-separated list of state variables (e.g. v,traces); got "1u"',
    ],
    [
      ['simulate', 'x.json', '--integrator', 'rk3'],
      'synapticflow simulate: --integrator must be one of euler, rk2, rk4, exponential-euler, got "rk3"',
    ],
    [['simulate', 'x.json', '--model'], 'synapticflow simulate: --model needs a value'],
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
    expect(simulate.stdout).toContain('--model FILE.json');
    expect(simulate.stdout).toContain('--integrator NAME    euler, rk2, rk4, exponential-euler');
    expect(simulate.stdout).toContain('adex, adaptive-lif, izhikevich');
  });
});

/** The AdEx example (examples/adex-adaptation.json). */
const ADEX = {
  model: 'adex',
  n: 5,
  dt: 0.1,
  steps: 5000,
  input: { constant: { linspace: [400, 800] } },
  record: { vars: ['w'], vStride: 100 },
};

describe('synapticflow simulate with any model', () => {
  test('a library model by name: summary in its input unit, other state under "state" in the trace', async () => {
    const dir = tempDirWith({ 'adex.json': ADEX });
    const run = await runCli(['simulate', 'adex.json', '--out', 'trace.json'], dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('model       adex (n = 5, batch = 1)\n');
    expect(run.stdout).toContain('integrator euler');
    expect(run.stdout).toContain('  neuron   input (pA)   rate (Hz)\n');
    expect(run.stdout).toContain('max rate    18.0 Hz (neuron 4, input 800 pA)');
    const trace = readTrace(dir, 'trace.json');
    const { trace: validate } = schemaValidators();
    expect(validate(trace), JSON.stringify(validate.errors)).toBe(true);
    expect(trace.v).toBeUndefined();
    expect(trace.vStride).toBe(100);
    expect(Object.keys(trace.state!)).toEqual(['w']);
    expect(trace.state!.w).toHaveLength(50);
    const w = trace.state!.w!.map((row) => row[0]![4] as number);
    expect(w[0]).toBe(0);
    expect(w.at(-1)).toBeGreaterThan(200);
  });

  test('--record takes any state of the model; v and traces stay at the top level', async () => {
    const dir = tempDirWith({
      'izh.json': { model: 'izhikevich', n: 2, steps: 100, input: { constant: 10 } },
    });
    const run = await runCli(['simulate', 'izh.json', '--record', 'u,v,traces', '--out', 't.json'], dir);
    expect(run.code).toBe(0);
    const trace = readTrace(dir, 't.json');
    expect(trace.scenario.record).toEqual({ vars: ['u', 'v', 'traces'] });
    expect(trace.v).toHaveLength(100);
    expect(trace.traces).toHaveLength(100);
    expect(Object.keys(trace.state!)).toEqual(['u']);
    // u starts at b*(-65) = -13, where du/dt = a*(b*v - u) is 0 in the first step.
    expect(trace.state!.u![0]).toEqual([[-13, -13]]);
    expect(run.stdout).toContain('input (model units (≈ pA/pF))');
  });

  test('an inline model object runs, and the trace keeps the spec so it can be run again', async () => {
    const scenario = { model: INLINE_LIF, n: 3, steps: 1000, input: { constant: [0.4, 1, 2] } };
    const dir = tempDirWith({ 'inline.json': scenario });
    const run = await runCli(['simulate', 'inline.json', '--out', 't.json'], dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('model       tiny-lif (n = 3, batch = 1)');
    expect(run.stdout).toContain('input (a.u.)');
    const trace = readTrace(dir, 't.json');
    expect(trace.scenario.model).toEqual(INLINE_LIF);
    expect(schemaValidators().trace(trace)).toBe(true);
    expect(trace.spikes.length).toBeGreaterThan(0);
    const again = tempDirWith({ 'again.json': trace.scenario });
    expect((await runCli(['simulate', 'again.json', '--out', 't.json'], again)).code).toBe(0);
    expect(readTrace(again, 't.json').spikes).toEqual(trace.spikes);
  });

  test('--model FILE.json overrides the scenario’s model; params are checked against it', async () => {
    const dir = tempDirWith({
      's.json': { model: 'elif', n: 2, steps: 1000, params: { tau: 5 }, input: { constant: 1 } },
      'tiny.json': INLINE_LIF,
      'elif-only.json': { model: 'elif', n: 2, steps: 10, params: { thetaRh: -60 } },
    });
    const run = await runCli(['simulate', 's.json', '--model', 'tiny.json', '--out', 't.json'], dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('model       tiny-lif (n = 2, batch = 1)');
    const trace = readTrace(dir, 't.json');
    expect(trace.scenario.model).toEqual(INLINE_LIF);
    expect(trace.scenario.params).toEqual({ tau: 5 });
    const mismatch = await runCli(['simulate', 'elif-only.json', '--model', 'tiny.json'], dir);
    expect(mismatch.code).toBe(1);
    expect(mismatch.stderr).toBe(
      'synapticflow: elif-only.json: scenario.params.thetaRh: unknown field; expected one of tau, R, restPot, resetPot, threshold\n',
    );
  });

  test('--model: an unreadable file, invalid JSON or an invalid spec exits 1', async () => {
    const dir = tempDirWith({
      's.json': { model: 'elif', n: 1, steps: 10 },
      'broken.json': '{"name": ',
      'typo.json': { ...INLINE_LIF, equations: { v: 'drive / tua' } },
      'list.json': [INLINE_LIF],
    });
    const missing = await runCli(['simulate', 's.json', '--model', 'nope.json'], dir);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(
      /^synapticflow: cannot read model file "nope.json" \(.*nope\.json\): ENOENT/,
    );
    const broken = await runCli(['simulate', 's.json', '--model', 'broken.json'], dir);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/^synapticflow: model file "broken.json" is not valid JSON: /);
    const typo = await runCli(['simulate', 's.json', '--model', 'typo.json'], dir);
    expect(typo).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'synapticflow: typo.json: model: model "tiny-lif", equation for v: unknown symbol "tua"; did you mean "tau"? ' +
        '(parameters, state, definitions and inputs: tau, R, restPot, resetPot, threshold, v, I, t, dt, drive) at column 9\n  drive / tua\n          ^\n',
    });
    const list = await runCli(['simulate', 's.json', '--model', 'list.json'], dir);
    expect(list.stderr).toBe(
      'synapticflow: list.json: model: expected a model spec object, got an array of 1 item\n',
    );
  });

  test('an invalid inline model exits 1 with core’s message and caret, after the field path', async () => {
    const bad = { model: { ...INLINE_LIF, threshold: 'v >= threshhold' }, n: 1, steps: 10 };
    const run = await runCli(['simulate', 'bad.json'], tempDirWith({ 'bad.json': bad }));
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      /^synapticflow: bad\.json: scenario\.model: model "tiny-lif", threshold: unknown symbol "threshhold"/,
    );
    expect(run.stderr).toContain(' at column 6\n  v >= threshhold\n       ^\n');
  });

  test('an unknown recorded variable exits 1, listing the model’s state', async () => {
    const dir = tempDirWith({ 'adex.json': ADEX });
    const run = await runCli(['simulate', 'adex.json', '--record', 'v,u'], dir);
    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'synapticflow: adex.json: scenario.record.vars[1]: expected a state variable of model "adex" (v, w), "traces" or "refractory", got "u"\n',
    });
  });

  test('integrator: the field, and --integrator overriding it; rk4 and euler give different v', async () => {
    const scenario = { ...ADEX, steps: 300, dtype: 'float64', record: { vars: ['v'] } };
    const dir = tempDirWith({ 'euler.json': scenario, 'rk4.json': { ...scenario, integrator: 'rk4' } });
    expect((await runCli(['simulate', 'euler.json', '--out', 'euler-trace.json'], dir)).code).toBe(0);
    const rk4 = await runCli(['simulate', 'rk4.json', '--out', 'rk4-trace.json'], dir);
    expect(rk4.code).toBe(0);
    expect(rk4.stdout).toContain('integrator rk4');
    const flag = await runCli(
      ['simulate', 'euler.json', '--integrator', 'rk4', '--out', 'flag-trace.json'],
      dir,
    );
    expect(flag.code).toBe(0);
    const euler = readTrace(dir, 'euler-trace.json');
    const byField = readTrace(dir, 'rk4-trace.json');
    const byFlag = readTrace(dir, 'flag-trace.json');
    expect(euler.scenario.integrator).toBeUndefined();
    expect(byField.scenario.integrator).toBe('rk4');
    expect(byFlag.scenario.integrator).toBe('rk4');
    expect(byFlag.v).toEqual(byField.v);
    expect(byField.v).not.toEqual(euler.v);
    const bad = await runCli(
      ['simulate', 'x.json'],
      tempDirWith({ 'x.json': { ...scenario, integrator: 'rk3' } }),
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(
      'scenario.integrator: expected one of "euler", "rk2", "rk4", "exponential-euler"',
    );
  });

  test('prints the population’s warnings to stderr before running', async () => {
    const scenario = { model: 'elif', n: 2, steps: 100, dtype: 'float32', params: { threshold: 100 } };
    const run = await runCli(['simulate', 'hot.json'], tempDirWith({ 'hot.json': scenario }));
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(
      'synapticflow: warning: model "elif", equation for v: exp() overflows float32 before v reaches its threshold ' +
        '(2 of 2 neurons, first neuron 0); v becomes Infinity on the way to each spike. Lower the threshold, use ' +
        'float64, or cap v inside exp() with an overflow guard (set vPeak).\n',
    );
    const guarded = { ...scenario, params: { threshold: 100, vPeak: 0 } };
    expect((await runCli(['simulate', 'ok.json'], tempDirWith({ 'ok.json': guarded }))).stderr).toBe('');
  });
});
