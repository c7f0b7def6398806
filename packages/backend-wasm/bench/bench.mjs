// Neuron-updates per second of backend-wasm against backend-js and the hand-written loops of backend-js's
// benchmark, all in one process so that ratios compare like with like. Not a test.
// Usage: node bench/bench.mjs [--sizes 10,1e3,1e5,1e6] [--reps 7]
import { jsBackend } from '@synapticflow/backend-js';
import { ELIFPopulation } from '@synapticflow/core';
import { froundLoop, plainLoop } from '../../backend-js/bench/hand-written.mjs';
import { wasmBackend } from '../dist/index.js';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : fallback;
};
const sizes = option('sizes', '10,1e3,1e5,1e6').split(',').map(Number);
const reps = Number(option('reps', '7'));
const UPDATES_PER_REP = 2e7;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function measure(run, updates) {
  run(); // warm-up: compiles (and tiers up) the loop
  run();
  const rates = [];
  for (let r = 0; r < reps; r++) {
    const start = process.hrtime.bigint();
    run();
    rates.push(updates / (Number(process.hrtime.bigint() - start) / 1e9));
  }
  return { median: median(rates), min: Math.min(...rates), max: Math.max(...rates) };
}

const rows = [];
for (const n of sizes) {
  const steps = Math.max(1, Math.round(UPDATES_PER_REP / n));
  const updates = n * steps;
  const input = Float32Array.from({ length: n }, (_, i) => i / n);
  const population = (backend, dtype) => new ELIFPopulation({ n, backend, dtype, spikeTrace: false });
  const runOf = (p) => {
    const x = p.dtype === 'float32' ? input : Float64Array.from(input);
    return () => p.run(steps, { input: x, spikes: false });
  };
  const hand = (loop, FloatArray) => {
    const v = new FloatArray(n).fill(-62);
    const refractory = new FloatArray(n);
    const spikes = new Uint8Array(n);
    const x = FloatArray.from(input);
    return () => loop(v, refractory, spikes, x, steps);
  };
  const populations = {
    'wasm f32 run': population(wasmBackend(), 'float32'),
    'wasm f64 run': population(wasmBackend(), 'float64'),
    'backend-js f32 run': population(jsBackend(), 'float32'),
  };
  const results = {
    'hand fround f32': measure(hand(froundLoop, Float32Array), updates),
    'hand plain f32': measure(hand(plainLoop, Float32Array), updates),
    'hand plain f64': measure(hand(plainLoop, Float64Array), updates),
  };
  for (const [name, p] of Object.entries(populations)) results[name] = measure(runOf(p), updates);
  for (const [name, r] of Object.entries(results)) rows.push({ n, name, ...r });
  for (const p of Object.values(populations)) p.dispose();
}

const baseline = (n, name) => rows.find((r) => r.n === n && r.name === name).median;
console.log(`node ${process.version}, ${reps} reps after warm-up, median [min-max] M neuron-updates/s`);
console.log(
  'n'.padStart(8),
  'implementation'.padEnd(20),
  'M upd/s'.padStart(9),
  'range'.padStart(17),
  'vs js f32',
  'vs fround',
  'vs plain',
  ' µs/step',
);
for (const r of rows) {
  const range = `[${(r.min / 1e6).toFixed(1)}-${(r.max / 1e6).toFixed(1)}]`;
  console.log(
    String(r.n).padStart(8),
    r.name.padEnd(20),
    (r.median / 1e6).toFixed(1).padStart(9),
    range.padStart(17),
    (r.median / baseline(r.n, 'backend-js f32 run')).toFixed(2).padStart(9),
    (r.median / baseline(r.n, 'hand fround f32')).toFixed(2).padStart(9),
    (r.median / baseline(r.n, 'hand plain f32')).toFixed(2).padStart(8),
    ((r.n / r.median) * 1e6).toFixed(3).padStart(8),
  );
}
