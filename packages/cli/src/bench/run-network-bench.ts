import type { ConformanceColumn } from '@synapticflow/conformance';
import type { Dtype } from '@synapticflow/core';
import type { NetworkBenchSpec } from '../commands/bench-args.js';
import { buildNetwork } from '../network/build-network.js';
import { cubaScenario } from '../network/cuba.js';
import { loadNetworkScenario } from '../network/parse-network-scenario.js';
import type { NetworkBenchRow, Seconds } from './format-network-bench.js';

/** Float64 (the networks' reference dtype, Brian2's default) before float32 in the table. */
export const DTYPE_ORDER: Readonly<Record<Dtype, number>> = { float64: 0, float32: 1 };

/** Steps of the untimed first run, which compiles kernels and fills caches. */
const WARM_UP_STEPS = 100;

/**
 * Runs the network on each backend configuration, in the configuration's dtype: built once (not timed), a
 * short warm-up, then `reps` timed runs of the whole duration, each from the initial state (`reset`). Spikes
 * are counted by rate monitors; synaptic events are spikes times each projection's mean out-degree. Rows come
 * float64 first, then float32, each in the order of `columns`.
 */
export async function runNetworkBench(
  spec: NetworkBenchSpec,
  columns: readonly (ConformanceColumn & { threads?: number })[],
  reps: number,
  onRow?: (row: NetworkBenchRow) => void,
): Promise<NetworkBenchRow[]> {
  const scenario = (dtype: Dtype) =>
    loadNetworkScenario(
      cubaScenario({
        n: spec.n,
        probability: spec.probability,
        connector: spec.connector,
        duration: spec.duration,
        dtype,
      }),
    );
  const rows: NetworkBenchRow[] = [];
  for (const column of [...columns].sort((a, b) => DTYPE_ORDER[a.dtype] - DTYPE_ORDER[b.dtype])) {
    const loaded = scenario(column.dtype);
    const built = buildNetwork(loaded, column.createBackend());
    const { network } = built;
    try {
      const monitors = built.populations.map((name) => ({
        name,
        monitor: network.rateMonitor(built.groups.get(name)! as Parameters<typeof network.rateMonitor>[0]),
      }));
      await network.runAsync({ steps: Math.min(WARM_UP_STEPS, loaded.steps) });
      const times: number[] = [];
      for (let r = 0; r < reps; r++) {
        network.reset();
        const start = performance.now();
        await network.runAsync({ steps: loaded.steps });
        times.push((performance.now() - start) / 1000);
      }
      const spikesOf = new Map(
        monitors.map(({ name, monitor }) => [name, monitor.counts.reduce((sum, c) => sum + c, 0)]),
      );
      const synapses = built.projections.reduce((sum, p) => sum + p.projection.synapseCount, 0);
      const bytes = built.projections.reduce((sum, p) => sum + p.projection.bytes, 0);
      const events = built.projections.reduce((sum, { source, projection }) => {
        const n = built.groups.get(source)!.n;
        return sum + (spikesOf.get(source)! * projection.synapseCount) / n;
      }, 0);
      const row: NetworkBenchRow = {
        network: spec.name,
        neurons: spec.n,
        synapses,
        implementation: column.label,
        threads: column.threads ?? 1,
        dtype: column.dtype,
        duration: spec.duration,
        steps: loaded.steps,
        seconds: summarise(times),
        spikes: [...spikesOf.values()].reduce((a, b) => a + b, 0),
        events: Math.round(events),
        bytesPerSynapse: synapses > 0 ? bytes / synapses : 0,
        memoryBytes: network.memoryBytes,
        detail: network.description,
      };
      rows.push(row);
      onRow?.(row);
    } finally {
      network.dispose();
    }
  }
  return rows;
}

function summarise(times: readonly number[]): Seconds {
  const sorted = [...times].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)]!, min: sorted[0]!, max: sorted[sorted.length - 1]! };
}
