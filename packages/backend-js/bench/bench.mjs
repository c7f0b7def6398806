// Neuron-updates per second of backend-js against hand-written loops of the same update, in one process.
// Usage: node bench/bench.mjs [--sizes 10,1e3,1e5,1e6] [--reps 5]
import { ELIFPopulation } from '@synapticflow/core';
import { jsBackend } from '../dist/index.js';
import { froundLoop, plainLoop } from './hand-written.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : fallback;
};
const sizes = option('sizes', '10,1e3,1e5,1e6').split(',').map(Number);
const reps = Number(option('reps', '5'));
const UPDATES_PER_REP = 2e7;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function measure(run, updates) {
  run(); // warm-up: compiles the loop and reaches steady state
  const rates = [];
  for (let r = 0; r < reps; r++) {
    const start = process.hrtime.bigint();
    run();
    rates.push(updates / (Number(process.hrtime.bigint() - start) / 1e9));
  }
  return { median: median(rates), min: Math.min(...rates), max: Math.max(...rates) };
}

function inputs(n) {
  return Float32Array.from({ length: n }, (_, i) => (i / n) * 1.0);
}

const rows = [];
for (const n of sizes) {
  const steps = Math.max(1, Math.round(UPDATES_PER_REP / n));
  const updates = n * steps;
  const input = inputs(n);
  const population = (dtype) => new ELIFPopulation({ n, backend: jsBackend(), dtype, spikeTrace: false });
  const js32 = population('float32');
  const js64 = population('float64');
  const hand = (loop, FloatArray) => {
    const v = new FloatArray(n).fill(-62);
    const refractory = new FloatArray(n);
    const spikes = new Uint8Array(n);
    const x = FloatArray.from(input);
    return () => loop(v, refractory, spikes, x, steps);
  };
  const results = {
    'hand fround f32': measure(hand(froundLoop, Float32Array), updates),
    'hand plain f32': measure(hand(plainLoop, Float32Array), updates),
    'hand plain f64': measure(hand(plainLoop, Float64Array), updates),
    'backend-js f32 run': measure(() => js32.run(steps, { input, spikes: false }), updates),
    'backend-js f64 run': measure(
      () => js64.run(steps, { input: Float64Array.from(input), spikes: false }),
      updates,
    ),
  };
  if (n <= 1e5) {
    results['backend-js f32 forward'] = measure(() => {
      for (let k = 0; k < steps; k++) js32.forward(input);
    }, updates);
  }
  for (const [name, r] of Object.entries(results)) rows.push({ n, name, ...r, steps });
  js32.dispose();
  js64.dispose();
}

const baseline = (n, name) => rows.find((r) => r.n === n && r.name === name).median;
console.log(`node ${process.version}, ${reps} reps after warm-up, median [min-max] M neuron-updates/s`);
console.log(
  'n'.padStart(8),
  'implementation'.padEnd(24),
  'M upd/s'.padStart(9),
  'range'.padStart(17),
  'vs fround',
  'vs plain',
  ' µs/step',
);
for (const r of rows) {
  const range = `[${(r.min / 1e6).toFixed(1)}-${(r.max / 1e6).toFixed(1)}]`;
  console.log(
    String(r.n).padStart(8),
    r.name.padEnd(24),
    (r.median / 1e6).toFixed(1).padStart(9),
    range.padStart(17),
    (r.median / baseline(r.n, 'hand fround f32')).toFixed(2).padStart(9),
    (r.median / baseline(r.n, 'hand plain f32')).toFixed(2).padStart(8),
    ((r.n / r.median) * 1e6).toFixed(3).padStart(8),
  );
}
