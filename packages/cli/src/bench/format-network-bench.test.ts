import { describe, expect, test } from 'vitest';
import { formatNetworkBench, type NetworkBenchRow } from './format-network-bench.js';

const row = (
  implementation: string,
  threads: number,
  median: number,
  dtype: NetworkBenchRow['dtype'] = 'float64',
): NetworkBenchRow => ({
  network: 'cuba',
  neurons: 4000,
  synapses: 320_000,
  implementation,
  threads,
  dtype,
  duration: 500,
  steps: 5000,
  seconds: { median, min: median * 0.9, max: median * 1.2 },
  spikes: 40_000,
  events: 3_200_000,
});

describe('formatNetworkBench', () => {
  test('gives wall time per simulated second, events and updates per second, and the ratio to Brian2', () => {
    const rows = [
      { ...row('js float64', 1, 0.4), bytesPerSynapse: 12, memoryBytes: 4_500_000 },
      row('js float64, 2 threads', 2, 0.25),
      row('Brian2 cpp_standalone float64, 1 thread', 1, 0.2),
    ];
    const lines = formatNetworkBench(rows).split('\n');
    expect(lines[0]).toMatch(
      /^network +implementation +wall s +min-max +s per sim\. s +M events\/s +M updates\/s +bytes\/synapse +memory MB +vs Brian2, same dtype and threads$/,
    );
    // 0.4 s for 0.5 s simulated; 3.2e6 events / 0.4 s; 4000*5000 updates / 0.4 s; 4.5 MB; Brian2 took half as long.
    expect(lines[1]).toMatch(
      /^cuba \(4000 neurons, 320000 synapses\) +js float64 +0\.400 +0\.360-0\.480 +0\.800 +8\.0 +50\.0 +12\.0 +4\.5 +0\.50x$/,
    );
    // No Brian2 row on 2 threads: no ratio.
    expect(lines[2]).toMatch(/js float64, 2 threads +0\.250 +0\.225-0\.300 +0\.500 +12\.8 +80\.0 *$/);
    expect(lines[3]).toMatch(/Brian2 cpp_standalone float64, 1 thread +0\.200 .* 1\.00x$/);
  });

  test('"vs Brian2" compares each row with Brian2 in its own dtype on as many threads', () => {
    const rows = [
      row('wasm float64, fast', 1, 0.1),
      row('wasm float32, fast', 1, 0.08, 'float32'),
      row('wasm float32, fast, 2 threads', 2, 0.05, 'float32'),
      row('Brian2 cpp_standalone float64, 1 thread', 1, 0.07),
      row('Brian2 cpp_standalone float32, 1 thread', 1, 0.06, 'float32'),
    ];
    const lines = formatNetworkBench(rows).split('\n');
    expect(lines[1]).toMatch(/wasm float64, fast .* 0\.70x$/); // 0.07 / 0.1
    expect(lines[2]).toMatch(/wasm float32, fast .* 0\.75x$/); // 0.06 / 0.08, not float64's 0.07
    // No Brian2 float32 row on 2 threads: no ratio, not the 1-thread one.
    expect(lines[3]).toMatch(/wasm float32, fast, 2 threads .*[\d.] *$/);
    expect(lines[3]).not.toMatch(/x *$/);
    expect(lines[5]).toMatch(/Brian2 cpp_standalone float32, 1 thread .* 1\.00x$/);
  });

  test('leaves out the Brian2 column when Brian2 did not run', () => {
    const table = formatNetworkBench([row('wasm float64', 1, 1)]);
    expect(table).not.toContain('Brian2');
    expect(table.split('\n')).toHaveLength(2);
  });
});
