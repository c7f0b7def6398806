// Neuron-updates per second of the gpujs backend against backend-js float32 in the same run: in Node
// (gpu.js's `gpu` mode = its WebAssembly kernel here, and `cpu` mode) and in headless Chromium, where
// `gpu` mode is WebGL2 on SwiftShader, Chromium's CPU rasterizer: not a GPU figure.
// Usage: node bench/bench.mjs [--sizes 100,1e4,1e5] [--reps 5] [--updates 2e6] [--no-browser]
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { jsBackend } from '@synapticflow/backend-js';
import { ELIFPopulation } from '@synapticflow/core';
import { build } from 'esbuild';
import { gpujsBackend } from '../dist/index.js';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : fallback;
};
const sizes = option('sizes', '100,1e4,1e5').split(',').map(Number);
const reps = Math.max(5, Number(option('reps', '5')));
const updates = Number(option('updates', '2e6'));
const browser = !args.includes('--no-browser');

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Times `run(steps)` of each variant, interleaved (one repetition of every variant, then the next), so that
 * load from elsewhere on a shared machine drifts into every variant alike.
 */
function measureNode(variants, n) {
  const steps = Math.max(1, Math.round(updates / n));
  const input = Float32Array.from({ length: n }, (_, i) => i / n);
  const quiet = console.warn;
  console.warn = () => {}; // gpu.js warns once per kernel map it falls back to its cpu kernel for
  const populations = variants.map(([, backend]) => new ELIFPopulation({ n, backend, spikeTrace: false }));
  const rows = variants.map(([implementation], i) => ({
    where: 'node',
    implementation,
    description: populations[i].kernelDescription,
    n,
    steps,
    rates: [],
  }));
  for (let r = -1; r < reps; r++) {
    for (const [i, population] of populations.entries()) {
      const start = process.hrtime.bigint();
      population.run(steps, { input, spikes: false });
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      if (r >= 0) rows[i].rates.push((n * steps) / seconds); // r = -1: warm-up, compiles the kernels
      if (r === -1) rows[i].description = population.kernelDescription;
    }
  }
  console.warn = quiet;
  for (const population of populations) population.dispose();
  return rows;
}

const rows = [];
for (const n of sizes) {
  const variants = [
    ['backend-js f32', jsBackend()],
    ['gpujs gpu (auto)', gpujsBackend({ mode: 'gpu' })],
    ['gpujs gpu kernel-map', gpujsBackend({ mode: 'gpu', strategy: 'kernel-map' })],
    ['gpujs cpu (auto)', gpujsBackend({ mode: 'cpu' })],
    ['gpujs cpu per-output', gpujsBackend({ mode: 'cpu', strategy: 'per-output' })],
  ];
  rows.push(...measureNode(variants, n));
}

if (browser && existsSync('/usr/bin/chromium')) {
  // The test harness is TypeScript: bundle it for Node (into node_modules, so that its imports resolve),
  // then open the same page the WebGL2 tests use.
  const folder = await mkdtemp(fileURLToPath(new URL('../node_modules/.bench-', import.meta.url)));
  try {
    const harness = join(folder, 'harness.mjs');
    await build({
      entryPoints: [fileURLToPath(new URL('../test/browser/harness.ts', import.meta.url))],
      outfile: harness,
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      logLevel: 'silent',
    });
    const { openTestPage } = await import(harness);
    const page = await openTestPage({
      sourceDir: fileURLToPath(new URL('../test/browser', import.meta.url)),
    });
    try {
      const environment = await page.call('environment');
      console.log(`browser: ${environment.description} on ${environment.renderer}`);
      for (const row of await page.call('bench', { sizes, reps, updates }))
        rows.push({ where: 'chromium', ...row });
    } finally {
      await page.close();
    }
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
} else if (browser) {
  console.log('browser: skipped, /usr/bin/chromium not found');
}

const baseline = (where, n) =>
  rows.find((r) => r.where === where && r.n === n && r.implementation === 'backend-js f32');
console.log(`node ${process.version}, ${reps} reps after a warm-up, median [min-max] M neuron-updates/s`);
console.log(
  'where'.padEnd(9),
  'n'.padStart(7),
  'implementation'.padEnd(34),
  'M upd/s'.padStart(8),
  'range'.padStart(15),
  'vs js'.padStart(6),
  ' µs/step',
);
for (const r of rows) {
  const m = median(r.rates);
  const range = `[${(Math.min(...r.rates) / 1e6).toFixed(2)}-${(Math.max(...r.rates) / 1e6).toFixed(2)}]`;
  console.log(
    r.where.padEnd(9),
    String(r.n).padStart(7),
    r.implementation.padEnd(34),
    (m / 1e6).toFixed(2).padStart(8),
    range.padStart(15),
    (m / median(baseline(r.where, r.n).rates)).toFixed(2).padStart(6),
    ((r.n / m) * 1e6).toFixed(1).padStart(8),
  );
}
for (const r of rows.filter((row) => row.description && row.n === sizes[0])) {
  console.log(`${r.implementation}: ${r.description}`);
}
