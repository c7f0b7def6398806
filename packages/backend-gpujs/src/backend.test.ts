import { BackendError, ELIFPopulation } from '@synapticflow/core';
import { describe, expect, test, vi } from 'vitest';
import { GPU } from './gpujs.js';
import { gpujsBackend } from './index.js';

// What gpu.js 2.24.1 actually does in Node without headless-gl (its optional `gl` dependency is not built).
describe('gpu.js in Node', () => {
  test('`gpu` mode picks the WebAssembly kernel; a step runs one kernel per output', () => {
    const backend = gpujsBackend({ mode: 'gpu' });
    expect(backend.kernelClass).toBe('WebAssemblyKernel');
    expect(backend.strategy).toBe('per-output');
    expect(backend.synchronousReads).toBe(true);
    const population = new ELIFPopulation({ n: 3, backend });
    population.forward(0.5);
    expect(population.kernelDescription).toBe(
      'gpujs float32 (mode gpu → WebAssemblyKernel, one kernel per output (4 launches))',
    );
    population.dispose();
  });

  test('`cpu` mode runs the JavaScript kernel with one kernel map', () => {
    const population = new ELIFPopulation({ n: 3, backend: gpujsBackend({ mode: 'cpu' }) });
    population.forward(0.5);
    expect(population.kernelDescription).toBe('gpujs float32 (mode cpu → CPUKernel, kernel map)');
    expect(Array.from(population.s)).toEqual([0, 0, 0]); // arrays, so synchronous reads work
    population.dispose();
  });

  test('a kernel map in `gpu` mode quietly runs on the cpu kernel instead (with a console warning)', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const population = new ELIFPopulation({
        n: 3,
        backend: gpujsBackend({ mode: 'gpu', strategy: 'kernel-map' }),
      });
      population.forward(0.5);
      expect(population.kernelDescription).toBe(
        'gpujs float32 (mode gpu → CPUKernel after gpu.js fell back: ' +
          'kernel maps are not supported on the webasm backend, kernel map)',
      );
      expect(warn).toHaveBeenCalledWith(
        'Falling back to CPU: kernel maps are not supported on the webasm backend',
      );
      population.dispose();
    } finally {
      warn.mockRestore();
    }
  });

  test('the WebAssembly kernel calls back into JavaScript for every Math.exp', () => {
    const gpu = new GPU({ mode: 'gpu' });
    const kernel = gpu.createKernel('function (a) { return Math.exp(a[this.thread.x]); }', {
      output: [1000],
    });
    const exp = Math.exp;
    let calls = 0;
    Math.exp = (x: number) => {
      calls++;
      return exp(x);
    };
    try {
      kernel(new Float32Array(1000)); // the module imports Math.exp when it is built, on this first call
      calls = 0;
      kernel(new Float32Array(1000));
    } finally {
      Math.exp = exp;
    }
    expect((kernel as unknown as { kernel: object }).kernel.constructor.name).toBe('WebAssemblyKernel');
    expect(calls).toBe(1000);
    void gpu.destroy();
  });

  test('GL modes are not available', () => {
    expect(() => gpujsBackend({ mode: 'webgl2' })).toThrow(BackendError);
    expect(() => gpujsBackend({ mode: 'webgl2' })).toThrow(/cannot run mode "webgl2" here/);
  });
});

describe('gpujsBackend', () => {
  test('computes in float32 only', () => {
    expect(() => new ELIFPopulation({ n: 2, backend: gpujsBackend(), dtype: 'float64' })).toThrow(
      BackendError,
    );
  });

  test('rejects an unknown mode', () => {
    expect(() => gpujsBackend({ mode: 'quantum' as never })).toThrow(/mode must be one of/);
  });
});
