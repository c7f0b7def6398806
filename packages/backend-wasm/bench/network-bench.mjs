// Steps per second of a CUBA-like network (4,000 of the library's cuba-lif neurons, 3,200 excitatory and 800
// inhibitory, each pair connected with p = 0.02; weights of Brian2's examples/CUBA.py)
// on backend-wasm with one and more threads, against backend-js, all in one process. Delivery is core's
// JavaScript delivery in every case; no spike traces (CUBA has none). Not a test.
// Usage: node bench/network-bench.mjs [--ms 1000] [--reps 5] [--threads 2,4] [--dtype float32]
import { loadavg } from 'node:os';
import { jsBackend } from '@synapticflow/backend-js';
import { CUBA_LIF_MODEL, Network, uniform } from '@synapticflow/core';
import { wasmBackend } from '../dist/index.js';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : fallback;
};
const ms = Number(option('ms', '1000'));
const reps = Number(option('reps', '5'));
const threadCounts = option('threads', '2,4').split(',').map(Number);
const dtype = option('dtype', 'float32');

function cuba(backend) {
  const net = new Network({ backend, dt: 0.1, dtype });
  const exc = net.population(CUBA_LIF_MODEL, {
    n: 3200,
    name: 'exc',
    spikeTrace: false,
    init: { v: uniform(-60, -50, { seed: 1 }) },
  });
  const inh = net.population(CUBA_LIF_MODEL, {
    n: 800,
    name: 'inh',
    spikeTrace: false,
    init: { v: uniform(-60, -50, { seed: 2 }) },
  });
  const connector = (seed) => ({ kind: 'fixed-probability', probability: 0.02, seed });
  net.connect(exc, [exc, inh], { synapse: { onPre: 'ge += w' }, connector: connector(3), w: 1.62 });
  net.connect(inh, [exc, inh], { synapse: { onPre: 'gi += w' }, connector: connector(4), w: -9 });
  const spikes = net.spikeMonitor([exc, inh]);
  return { net, spikes };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const steps = Math.round(ms / 0.1);
const rows = [];
// The machine's load decides what threads can give: a spinning barrier collapses when cores are busy.
const loadBefore = loadavg()[0];
const cases = [
  ['js, 1 thread', jsBackend()],
  ['wasm, 1 thread', wasmBackend()],
  ...threadCounts.map((threads) => [
    `wasm, ${threads} threads`,
    wasmBackend({ threads, minUpdatesForThreads: 0 }),
  ]),
];
for (const [label, backend] of cases) {
  const { net, spikes } = cuba(backend);
  net.run({ steps: 2000 }); // warm-up: builds the network, tiers up the code
  const rates = [];
  for (let r = 0; r < reps; r++) {
    const start = process.hrtime.bigint();
    net.run({ steps });
    rates.push(steps / (Number(process.hrtime.bigint() - start) / 1e9));
  }
  rows.push({
    backend: label,
    'steps/s (median)': Math.round(median(rates)),
    'min-max': `${Math.round(Math.min(...rates))}-${Math.round(Math.max(...rates))}`,
    's per simulated s': Number((1 / (0.1e-3 * median(rates))).toFixed(3)),
    spikes: spikes.count,
  });
  net.dispose();
}
console.log(`CUBA-like network, 4000 neurons, p = 0.02, ${dtype}, ${reps} runs of ${ms} ms`);
console.log(`load average (1 min): ${loadBefore.toFixed(1)} before, ${loadavg()[0].toFixed(1)} after`);
console.table(rows);
