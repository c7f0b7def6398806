import { describe, expect, test } from 'vitest';
import { MemoryLimitError, ParameterError, SynapticFlowError } from '../errors.js';
import { interpreterBackend } from '../reference/interpreter-backend.js';
import { thrown } from '../testing/helpers.js';
import { ELIFPopulation } from './elif-population.js';
import { DEFAULT_MEMORY_LIMIT_BYTES, formatBytes, MAX_TYPED_ARRAY_LENGTH } from './memory.js';

describe('memory checks before allocation', () => {
  test('batchSize: 1e9 is a MemoryLimitError, and the backend never creates a kernel', () => {
    const backend = interpreterBackend();
    const error = thrown(() => new ELIFPopulation({ n: 3, batchSize: 1e9, backend }), MemoryLimitError);
    expect(error).toBeInstanceOf(SynapticFlowError);
    expect(error.code).toBe('MEMORY');
    expect(error.message).toContain('a population of n = 3 neurons x batchSize 1000000000 needs');
    expect(error.message).toContain(
      'use fewer neurons or a smaller batchSize, or raise the limit with the option memoryLimitBytes',
    );
    expect(error.limit).toBe(DEFAULT_MEMORY_LIMIT_BYTES);
    expect(error.bytes).toBeGreaterThan(DEFAULT_MEMORY_LIMIT_BYTES);
    expect(backend.kernels).toHaveLength(0);
  });

  test('ELIF with n = 2^53 - 1 is refused at once instead of scanning every neuron', () => {
    const backend = interpreterBackend();
    const error = thrown(() => new ELIFPopulation({ n: Number.MAX_SAFE_INTEGER, backend }), MemoryLimitError);
    expect(error.message).toContain('more than one array can hold');
    expect(backend.kernels).toHaveLength(0);
  });

  test('run(1e10) is a MemoryLimitError that says what to change, and takes no step', () => {
    const pop = new ELIFPopulation({ n: 1, backend: interpreterBackend() });
    const error = thrown(() => pop.run(1e10), MemoryLimitError);
    expect(error.message).toContain('recording "s" of a 10000000000-step run needs 10000000000 values');
    expect(error.message).toContain('run fewer steps per call or pass spikes: false');
    expect(pop.stepCount).toBe(0);
    expect(backendRuns(pop)).toBe(0);
  });

  test('a run over the limit names the bytes, the limit and the ways out', () => {
    const pop = new ELIFPopulation({ n: 1000, backend: interpreterBackend(), memoryLimitBytes: 1e6 });
    const error = thrown(() => pop.run(2000, { record: ['v'] }), MemoryLimitError);
    expect(error.message).toMatch(/^a 2000-step run recording s, v needs 9\.\d\d MiB/);
    expect(error.message).toContain(`over the memory limit of ${formatBytes(1e6)}`);
    expect(error.message).toContain('run fewer steps per call, record with a stride, pass spikes: false');
    expect(pop.stepCount).toBe(0);
    // The same run fits without spikes and with a stride.
    const result = pop.run(20, { record: ['v'], stride: 10, spikes: false });
    expect(result.recorded.v).toHaveLength(2000);
  });

  test('memoryLimitBytes is overridable in both directions', () => {
    expect(
      () => new ELIFPopulation({ n: 100, backend: interpreterBackend(), memoryLimitBytes: 100 }),
    ).toThrow(MemoryLimitError);
    const pop = new ELIFPopulation({
      n: 3,
      batchSize: 2,
      backend: interpreterBackend(),
      memoryLimitBytes: 1e4,
    });
    expect(pop.memoryLimitBytes).toBe(1e4);
    expect(() => pop.setBatchSize(1000)).toThrow(MemoryLimitError);
    expect(pop.batchSize).toBe(2);
    expect(() => new ELIFPopulation({ n: 3, backend: interpreterBackend(), memoryLimitBytes: 0 })).toThrow(
      ParameterError,
    );
  });

  test('a recording longer than a typed array can hold is refused even without a byte limit', () => {
    const pop = new ELIFPopulation({
      n: 1,
      backend: interpreterBackend(),
      memoryLimitBytes: Number.POSITIVE_INFINITY,
    });
    const error = thrown(() => pop.run(MAX_TYPED_ARRAY_LENGTH + 1), MemoryLimitError);
    expect(error.message).toContain(`more than one array can hold (${MAX_TYPED_ARRAY_LENGTH})`);
  });
});

function backendRuns(pop: ELIFPopulation): number {
  return (pop.backend as ReturnType<typeof interpreterBackend>).kernels[0]!.runs.length;
}
