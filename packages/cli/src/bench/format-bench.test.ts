import { describe, expect, test } from 'vitest';
import { formatBench } from './format-bench.js';
import type { BenchRow } from './run-bench.js';

const rate = (m: number) => ({ median: m * 1e6, min: m * 1e6 * 0.9, max: m * 1e6 * 1.1 });

describe('formatBench', () => {
  test('divides each row by the baseline and by Brian2 on as many threads', () => {
    const rows: BenchRow[] = [
      { n: 1000, implementation: 'hand-written JS loop', dtype: 'float32', rate: rate(30) },
      {
        n: 1000,
        implementation: 'wasm float32',
        dtype: 'float32',
        threads: 1,
        rate: rate(300),
        bytesPerNeuron: 13,
      },
      { n: 1000, implementation: 'wasm float32, 2 threads', dtype: 'float32', threads: 2, rate: rate(570) },
      {
        n: 1000,
        implementation: 'Brian2 cpp_standalone, 1 thread',
        dtype: 'float32',
        threads: 1,
        rate: rate(120),
      },
      {
        n: 1000,
        implementation: 'Brian2 cpp_standalone, 2 threads',
        dtype: 'float32',
        threads: 2,
        rate: rate(190),
      },
    ];
    const lines = formatBench(rows).split('\n');
    expect(lines[0]).toMatch(/vs hand-written JS loop +vs Brian2, same threads +µs\/step +bytes\/neuron$/);
    expect(lines[2]).toMatch(/wasm float32 +300\.0 +270\.0-330\.0 +10\.00x +2\.50x +3\.33 +13$/);
    expect(lines[3]).toMatch(/wasm float32, 2 threads +570\.0 .* 19\.00x +3\.00x +1\.75 *$/);
    expect(lines[1]).toMatch(/hand-written JS loop +30\.0 .* 1\.00x +0\.25x/);
  });

  test('gives each row its fraction of the C ceiling on as many threads', () => {
    const rows: BenchRow[] = [
      { n: 10, implementation: 'hand-written JS loop', dtype: 'float32', rate: rate(30) },
      { n: 10, implementation: 'wasm float32, fast', dtype: 'float32', threads: 1, rate: rate(300) },
      {
        n: 10,
        implementation: 'wasm float32, fast, 2 threads',
        dtype: 'float32',
        threads: 2,
        rate: rate(500),
      },
      {
        n: 10,
        implementation: 'hand-written C, -O3 -ffast-math, 1 thread',
        dtype: 'float32',
        threads: 1,
        rate: rate(600),
      },
      {
        n: 10,
        implementation: 'hand-written C, -O3 -ffast-math, 2 threads',
        dtype: 'float32',
        threads: 2,
        rate: rate(2000),
      },
    ];
    const lines = formatBench(rows).split('\n');
    expect(lines[0]).toMatch(/vs hand-written JS loop +of C ceiling, same threads +µs\/step/);
    expect(lines[2]).toMatch(/wasm float32, fast +300\.0 .* 10\.00x +50% /);
    expect(lines[3]).toMatch(/wasm float32, fast, 2 threads +500\.0 .* 16\.67x +25% /);
    expect(lines[4]).toMatch(/hand-written C, -O3 -ffast-math, 1 thread +600\.0 .* 100% /);
  });

  test('has no Brian2 column where Brian2 did not run', () => {
    const rows: BenchRow[] = [
      { n: 10, implementation: 'hand-written JS loop', dtype: 'float32', rate: rate(30) },
    ];
    expect(formatBench(rows)).not.toContain('Brian2');
  });

  test('divides by Brian2 in the same dtype where Brian2 ran in both', () => {
    const rows: BenchRow[] = [
      { n: 10, implementation: 'js float32', dtype: 'float32', threads: 1, rate: rate(100) },
      { n: 10, implementation: 'js float64', dtype: 'float64', threads: 1, rate: rate(100) },
      {
        n: 10,
        implementation: 'Brian2 cpp_standalone, 1 thread',
        dtype: 'float32',
        threads: 1,
        rate: rate(50),
      },
      {
        n: 10,
        implementation: 'Brian2 cpp_standalone float64, 1 thread',
        dtype: 'float64',
        threads: 1,
        rate: rate(25),
      },
    ];
    const lines = formatBench(rows).split('\n');
    expect(lines[1]).toMatch(/js float32 .* 2\.00x +/);
    expect(lines[2]).toMatch(/js float64 .* 4\.00x +/);
  });
});
