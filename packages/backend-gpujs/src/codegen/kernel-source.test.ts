import { ELIF_MODEL, validateModel } from '@synapticflow/core';
import { buildProgram } from '@synapticflow/core/backend';
import { describe, expect, test } from 'vitest';
import { generateKernelSource } from './kernel-source.js';

const program = buildProgram(validateModel(ELIF_MODEL), {
  dt: 0.1,
  traces: { enabled: true, additive: false },
});

describe('generateKernelSource', () => {
  test('a kernel map returns its first output and hands the others to identity sub-kernels', () => {
    const source = generateKernelSource({
      program,
      group: { outputs: ['s', 'v', 'refractory', 'traces'] },
      layout: 'full',
      perNeuron: new Set(['tau']),
    });
    expect(source.outputs).toEqual(['s', 'v', 'refractory', 'traces']);
    expect(Object.keys(source.subKernels)).toEqual(['out_v', 'out_refractory', 'out_traces']);
    expect(source.subKernels.out_v).toBe('function out_v(value) { return value; }');
    expect(source.source).toMatch(
      /out_v\(s_v\);\n {2}out_refractory\(s_refractory\);\n {2}out_traces\(s_traces\);\n {2}return s_s;\n}$/,
    );
    // Thread (x, y) is neuron x of batch row y; per-neuron parameters are indexed by neuron only.
    expect(source.source).toContain('let s_v = S_v[this.thread.y][this.thread.x];');
    expect(source.source).toContain('const q_tau = P_tau[this.thread.x];');
    expect(source.source).toContain('const cur_I = X_input[this.thread.y][this.thread.x];');
    expect(source.source).toContain('this.constants.p_threshold');
    expect(source.constants).not.toContain('tau');
    expect(source.arguments).toEqual([
      { kind: 'state', name: 'v' },
      { kind: 'state', name: 'refractory' },
      { kind: 'state', name: 'traces' },
      { kind: 'parameter', name: 'tau' },
      { kind: 'input' },
    ]);
  });

  test('one kernel per output computes only what that output needs, reusing earlier outputs', () => {
    const traces = generateKernelSource({
      program,
      group: { outputs: ['traces'] },
      layout: 'scalar',
      perNeuron: new Set(),
      available: new Set(['s']),
    });
    expect(traces.source).not.toContain('Math.exp');
    expect(traces.source).toContain('const n_s = N_s[this.thread.y][this.thread.x];');
    expect(traces.source).toContain('((n_s > 0) ? 1 : s_traces)');
    expect(traces.arguments).toEqual([
      { kind: 'state', name: 'traces' },
      { kind: 'final', name: 's' },
    ]);
    expect(traces.subKernels).toEqual({});
  });

  test('reads a scalar input as a number and the time as an argument where the program reads t', () => {
    const withTime = buildProgram(
      validateModel({
        name: 'drive',
        parameters: {},
        state: { x: { initial: 0 } },
        equations: { x: 'I * t' },
      }),
      { dt: 0.5 },
    );
    const source = generateKernelSource({
      program: withTime,
      group: { outputs: ['x'] },
      layout: 'scalar',
      perNeuron: new Set(),
    });
    expect(source.source.startsWith('function (S_x, X_input, T_now) {')).toBe(true);
    expect(source.source).toContain('const cur_I = X_input;');
    expect(source.source).toContain('Math.fround(cur_I * T_now)');
  });
});
