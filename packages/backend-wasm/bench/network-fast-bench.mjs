// Exact against fast arithmetic (`precision: 'fast'`) on a CUBA-like network (4,000 of the library's cuba-lif
// neurons, 3,200 excitatory and 800 inhibitory, p = 0.02), float64 and float32, one thread. The four
// configurations run in turn, one simulated second each, so that a load that changes during the
// measurement touches them alike. Prints the median and range of each. Not a test.
// Usage: node bench/network-fast-bench.mjs [--reps 9] [--ms 1000]
import { loadavg } from 'node:os';
import { CUBA_LIF_MODEL, Network, uniform } from '@synapticflow/core';
import { wasmBackend } from '../dist/index.js';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : fallback;
};
const reps = Number(option('reps', '9'));
const steps = Math.round(Number(option('ms', '1000')) / 0.1);

function cuba(dtype, precision) {
  const net = new Network({ backend: wasmBackend({ precision }), dt: 0.1, dtype });
  const population = (n, name, seed) =>
    net.population(CUBA_LIF_MODEL, { n, name, spikeTrace: false, init: { v: uniform(-60, -50, { seed }) } });
  const exc = population(3200, 'exc', 1);
  const inh = population(800, 'inh', 2);
  const connector = (seed) => ({ kind: 'fixed-probability', probability: 0.02, seed });
  net.connect(exc, [exc, inh], { synapse: { onPre: 'ge += w' }, connector: connector(3), w: 1.62 });
  net.connect(inh, [exc, inh], { synapse: { onPre: 'gi += w' }, connector: connector(4), w: -9 });
  net.run({ steps: 2000 }); // warm-up: builds the network, tiers up the code
  return net;
}

const configurations = ['float64', 'float32'].flatMap((dtype) =>
  ['exact', 'fast'].map((precision) => ({
    label: `wasm ${dtype}, ${precision}`,
    net: cuba(dtype, precision),
  })),
);
const seconds = configurations.map(() => []);
const loadBefore = loadavg()[0];
for (let r = 0; r < reps; r++) {
  configurations.forEach(({ net }, c) => {
    net.reset();
    const start = process.hrtime.bigint();
    net.run({ steps });
    seconds[c].push(Number(process.hrtime.bigint() - start) / 1e9);
  });
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(
  `load average ${loadBefore.toFixed(1)} -> ${loadavg()[0].toFixed(1)}; ${reps} runs each, in turn`,
);
configurations.forEach(({ label, net }, c) => {
  const s = seconds[c];
  console.log(
    `${label.padEnd(20)} ${median(s).toFixed(3)} s (${Math.min(...s).toFixed(3)}-${Math.max(...s).toFixed(3)}) for ${steps} steps`,
  );
  net.dispose();
});
