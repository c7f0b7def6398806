// Neuron-updates per second of the tfjs backend (tfjs-cpu with the fused kernel and op by op, and tfjs-wasm
// where it loads) against backend-js float32, in one process, plus the per-kernel dispatch cost that explains
// the small-n figures of the op-by-op path.
// Usage: node bench/bench.mjs [--sizes 10,1e3,1e5,1e6] [--reps 5] [--updates 1e7] [--max-steps 5000] [--no-wasm]
import { createRequire } from 'node:module';
import path from 'node:path';
import { jsBackend } from '@synapticflow/backend-js';
import { ELIFPopulation } from '@synapticflow/core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { tfjsBackend } from '../dist/index.js';

tf.env().set('PROD', true); // silences tfjs's "install tfjs-node" banner

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : fallback;
};
const sizes = option('sizes', '10,1e3,1e5,1e6').split(',').map(Number);
const reps = Number(option('reps', '5'));
const updatesPerRep = Number(option('updates', '1e7'));
// tfjs takes ~20 µs per step at n = 10: cap the steps so that small sizes finish in seconds.
const maxSteps = Number(option('max-steps', '5000'));

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const seconds = (start) => Number(process.hrtime.bigint() - start) / 1e9;

/** Median, min and max rate of `run` (which does `updates` neuron-updates), after one warm-up call. */
function measure(run, updates) {
  run();
  const rates = [];
  for (let r = 0; r < reps; r++) {
    const start = process.hrtime.bigint();
    run();
    rates.push(updates / seconds(start));
  }
  return { median: median(rates), min: Math.min(...rates), max: Math.max(...rates) };
}

async function loadWasm() {
  if (args.includes('--no-wasm')) return false;
  try {
    const require = createRequire(import.meta.url);
    setWasmPaths(`${path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm'))}${path.sep}`);
    return await tf.setBackend('wasm');
  } catch {
    return false;
  }
}

/** Microseconds per kernel launch on a [1, 1] tensor, inside one tidy per 16 launches as in a step. */
function dispatchCost(engineName) {
  const engine = tf.engine();
  const x = tf.keep(tf.tensor([[1]]));
  const c = tf.keep(tf.tensor([[true]], [1, 1], 'bool'));
  const variants = {
    'Add via engine.runKernel': () => engine.runKernel('Add', { a: x, b: x }),
    'Add via tf.add': () => tf.add(x, x),
    'Select via engine.runKernel': () => engine.runKernel('Select', { condition: c, t: x, e: x }),
    'Select via tf.where': () => tf.where(c, x, x),
  };
  const result = {};
  for (const [name, launch] of Object.entries(variants)) {
    const block = () =>
      tf.tidy(() => {
        for (let i = 0; i < 16; i++) launch();
      });
    const rounds = 20_000;
    for (let i = 0; i < 2000; i++) block();
    const times = [];
    for (let r = 0; r < reps; r++) {
      const start = process.hrtime.bigint();
      for (let i = 0; i < rounds; i++) block();
      times.push((seconds(start) / (rounds * 16)) * 1e6);
    }
    result[`${engineName}: ${name}`] = median(times);
  }
  x.dispose();
  c.dispose();
  return result;
}

const inputs = (n) => Float32Array.from({ length: n }, (_, i) => (i / n) * 1.0);
const engines = ['cpu', ...((await loadWasm()) ? ['wasm'] : [])];
// tfjs-cpu runs fused by default; `fused: false` is the op-by-op path every other tfjs backend takes.
const variants = [
  { label: 'tfjs-cpu fused', engine: 'cpu', options: {} },
  { label: 'tfjs-cpu op-by-op', engine: 'cpu', options: { fused: false } },
  ...engines.filter((e) => e !== 'cpu').map((engine) => ({ label: `tfjs-${engine}`, engine, options: {} })),
];
const rows = [];
let kernelsPerStep = 0;
for (const n of sizes) {
  const steps = Math.min(maxSteps, Math.max(1, Math.round(updatesPerRep / n)));
  const updates = n * steps;
  const input = inputs(n);
  const elif = (backend) => new ELIFPopulation({ n, backend, spikeTrace: false });
  const add = (name, run) => rows.push({ n, name, steps, ...measure(run, updates) });

  const js = elif(jsBackend());
  add('backend-js f32 run', () => js.run(steps, { input, spikes: false }));
  js.dispose();
  for (const { label, engine, options } of variants) {
    await tf.setBackend(engine);
    const captured = [];
    const backend = tfjsBackend({ backendName: engine, ...options });
    const population = elif({
      ...backend,
      createKernel: (r) => captured[captured.push(backend.createKernel(r)) - 1],
    });
    kernelsPerStep = captured[0].plan({ layout: 'neuron', perStep: false }).step.length;
    add(`${label} run`, () => population.run(steps, { input, spikes: false }));
    add(`${label} run, spikes recorded`, () => population.run(steps, { input }));
    if (n <= 1e3)
      add(`${label} forward per step`, () => {
        for (let k = 0; k < steps; k++) population.forward(input);
      });
    population.dispose();
  }
}

const dispatch = {};
for (const engine of engines) {
  await tf.setBackend(engine);
  Object.assign(dispatch, dispatchCost(engine));
}

const baseline = (n) => rows.find((r) => r.n === n && r.name === 'backend-js f32 run').median;
console.log(
  `node ${process.version}, tfjs ${tf.version_core}, ${reps} reps after warm-up, ELIF with traces off, ` +
    `${kernelsPerStep} kernels per step op by op; median [min-max] M neuron-updates/s`,
);
console.log(
  'n'.padStart(8),
  'implementation'.padEnd(42),
  'M upd/s'.padStart(9),
  'range'.padStart(17),
  'vs js'.padStart(7),
  'µs/step'.padStart(10),
);
for (const r of rows) {
  console.log(
    String(r.n).padStart(8),
    r.name.padEnd(42),
    (r.median / 1e6).toFixed(2).padStart(9),
    `[${(r.min / 1e6).toFixed(2)}-${(r.max / 1e6).toFixed(2)}]`.padStart(17),
    (r.median / baseline(r.n)).toFixed(3).padStart(7),
    ((r.n / r.median) * 1e6).toFixed(1).padStart(10),
  );
}
console.log('\nper-kernel dispatch cost on a [1, 1] tensor (µs, median):');
for (const [name, us] of Object.entries(dispatch)) console.log(`  ${name.padEnd(40)} ${us.toFixed(2)}`);
