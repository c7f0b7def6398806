import { describe, expect, test } from 'vitest';
import { formatNetworkBench, type NetworkBenchRow } from './format-network-bench.js';

const row = (implementation: string, threads: number, median: number): NetworkBenchRow => ({
  network: 'cuba',
  neurons: 4000,
  synapses: 320_000,
  implementation,
  threads,
  dtype: 'float64',
  duration: 500,
  steps: 5000,
  seconds: { median, min: median * 0.9, max: median * 1.2 },
  spikes: 40_000,
  events: 3_200_000,
});

describe('formatNetworkBench', () => {
  test('gives wall time per simulated second, events and updates per second, and the ratio to Brian2', () => {
    const rows = [
      { ...row('js float64', 1, 0.4), bytesPerSynapse: 12 },
      row('js float64, 2 threads', 2, 0.25),
      row('Brian2 cpp_standalone, 1 thread', 1, 0.2),
    ];
    const lines = formatNetworkBench(rows).split('\n');
    expect(lines[0]).toMatch(
      /^network +implementation +wall s +min-max +s per sim\. s +M events\/s +M updates\/s +bytes\/synapse +vs Brian2, same threads$/,
    );
    // 0.4 s for 0.5 s simulated; 3.2e6 events / 0.4 s; 4000*5000 updates / 0.4 s; Brian2 took half as long.
    expect(lines[1]).toMatch(
      /^cuba \(4000 neurons, 320000 synapses\) +js float64 +0\.400 +0\.360-0\.480 +0\.800 +8\.0 +50\.0 +12\.0 +0\.50x$/,
    );
    // No Brian2 row on 2 threads: no ratio.
    expect(lines[2]).toMatch(/js float64, 2 threads +0\.250 +0\.225-0\.300 +0\.500 +12\.8 +80\.0 *$/);
    expect(lines[3]).toMatch(/Brian2 cpp_standalone, 1 thread +0\.200 .* 1\.00x$/);
  });

  test('leaves out the Brian2 column when Brian2 did not run', () => {
    const table = formatNetworkBench([row('wasm float64', 1, 1)]);
    expect(table).not.toContain('Brian2');
    expect(table.split('\n')).toHaveLength(2);
  });
});
