/**
 * The browser side of the WebGL2 tests and the browser benchmark, bundled with esbuild and driven by
 * playwright-core. It runs the shared suite's own cases (runCase) on gpujs in `gpu` mode.
 */
import { jsBackend } from '@synapticflow/backend-js';
import { type ConformanceTarget, runCase, SUITE_CASES } from '@synapticflow/conformance';
import { ELIFPopulation } from '@synapticflow/core';
import type { Backend } from '@synapticflow/core/backend';
import { type GpujsBackendOptions, type GpujsKernel, gpujsBackend } from '../../src/index.js';
import { compareModel, EVERY_FUNCTION, IZHIKEVICH } from '../custom-models.js';
import { measurePrecision } from '../precision.js';
import type { BenchRow, PageApi } from './page-api.js';

// Counts GL textures so the tests can check that dispose() releases every one and steps allocate none.
// (A WeakSet rather than gl.isTexture, which is a blocking round trip to Chromium's GPU process.)
const live = new WeakSet<WebGLTexture>();
let liveTextures = 0;
let createdTextures = 0;
const gl2 = WebGL2RenderingContext.prototype;
const createTexture = gl2.createTexture;
const deleteTexture = gl2.deleteTexture;
gl2.createTexture = function (this: WebGL2RenderingContext) {
  const texture = createTexture.call(this);
  if (texture) live.add(texture);
  liveTextures++;
  createdTextures++;
  return texture;
};
gl2.deleteTexture = function (this: WebGL2RenderingContext, texture: WebGLTexture | null) {
  if (texture && live.delete(texture)) liveTextures--;
  return deleteTexture.call(this, texture);
};

const target: ConformanceTarget = {
  label: 'gpujs gpu (WebGL2) float32',
  createBackend: () => gpujsBackend({ mode: 'gpu' }),
  dtype: 'float32',
};

function renderer(): string {
  const gl = document.createElement('canvas').getContext('webgl2');
  const info = gl?.getExtension('WEBGL_debug_renderer_info');
  return gl && info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : 'no WebGL2';
}

/**
 * Times `run(steps)` of each population, interleaved (a repetition of every variant, then the next), so that
 * load from elsewhere on a shared machine drifts into every variant alike.
 */
async function benchInterleaved(
  variants: { label: string; make: () => ELIFPopulation; spikes: boolean }[],
  n: number,
  steps: number,
  reps: number,
): Promise<BenchRow[]> {
  const input = Float32Array.from({ length: n }, (_, i) => i / n);
  const populations = variants.map((variant) => variant.make());
  const rows = variants.map((variant) => ({
    implementation: variant.label,
    n,
    steps,
    rates: [] as number[],
  }));
  try {
    for (let r = -1; r < reps; r++) {
      for (const [i, population] of populations.entries()) {
        const start = performance.now();
        population.run(steps, { input, spikes: variants[i]!.spikes });
        await population.read('v'); // waits until the GPU has finished the steps
        // r = -1 is the warm-up, which compiles the kernels.
        if (r >= 0) rows[i]!.rates.push((n * steps) / ((performance.now() - start) / 1000));
      }
    }
  } finally {
    for (const population of populations) population.dispose();
  }
  return rows;
}

const api: PageApi = {
  async environment() {
    const backend = gpujsBackend({ mode: 'gpu' });
    const population = new ELIFPopulation({ n: 8, batchSize: 2, backend });
    try {
      population.forward(0.5);
      await population.read('v');
      // The population keeps its kernel private; the test wants the gpu.js classes that really ran.
      const kernel = (population as unknown as { kernel: GpujsKernel }).kernel;
      return {
        gpuMode: backend.mode,
        kernelClass: backend.kernelClass,
        strategy: backend.strategy,
        synchronousReads: backend.synchronousReads,
        description: population.kernelDescription,
        stepKernelClasses: kernel.kernelsInUse().map((k) => k.className),
        renderer: renderer(),
      };
    } finally {
      population.dispose();
    }
  },
  async runSuiteCase(id) {
    const testCase = SUITE_CASES.find((c) => c.id === id);
    if (!testCase) return `no suite case "${id}"`;
    try {
      await runCase(testCase, target);
      return null;
    } catch (error) {
      return `${(error as Error).name}: ${(error as Error).message}`;
    }
  },
  async texturesPerStep(strategy, spikes = false, steps = 100) {
    const population = new ELIFPopulation({ n: 100, backend: gpujsBackend({ mode: 'gpu', strategy }) });
    try {
      population.run(10, { input: 1, spikes });
      await population.read('v');
      const created = createdTextures;
      const start = performance.now();
      population.run(steps, { input: 1, spikes });
      const js = performance.now();
      await population.read('v');
      return {
        created: (createdTextures - created) / steps,
        microseconds: ((performance.now() - start) / steps) * 1000,
        jsMicroseconds: ((js - start) / steps) * 1000,
      };
    } finally {
      population.dispose();
    }
  },
  async textureBalance() {
    const before = liveTextures;
    const backend = gpujsBackend({ mode: 'gpu' });
    const populations = [
      new ELIFPopulation({ n: 32, batchSize: 3, backend, sumInput: true, tau: new Array(32).fill(12) }),
      new ELIFPopulation({ n: 5, backend, refractory: 'seed' }),
    ];
    for (const population of populations) {
      population.forward(1);
      population.run(20, { input: { steps: new Array(20).fill(2) }, record: ['v', 'traces'], stride: 3 });
      population.run(5, { input: (step, buffer) => buffer.fill(step) });
      await population.read('v');
      population.setBatchSize(2);
      population.forward(0.5);
    }
    const during = liveTextures;
    for (const population of populations) population.dispose();
    return { before, during, after: liveTextures };
  },
  async packedMatchesUnpacked() {
    const results = [];
    for (const optimizeFloatMemory of [false, true]) {
      const backend = gpujsBackend({ mode: 'gpu', optimizeFloatMemory });
      const population = new ELIFPopulation({ n: 7, batchSize: 3, backend, tau: [5, 6, 7, 8, 9, 10, 11] });
      const result = population.run(60, {
        input: { steps: Array.from({ length: 60 * 7 }, (_, i) => i % 5) },
        record: ['v'],
      });
      results.push([
        Array.from(result.spikes!),
        Array.from(result.recorded.v!),
        Array.from(await population.read('traces')),
      ]);
      population.dispose();
    }
    return JSON.stringify(results[0]) === JSON.stringify(results[1]);
  },
  precision: () =>
    measurePrecision(
      () => gpujsBackend({ mode: 'gpu' }),
      () => jsBackend(),
    ),
  async customModels() {
    const rows = [];
    for (const model of [IZHIKEVICH, EVERY_FUNCTION]) {
      const perNeuron = Object.keys(model.parameters)[0];
      rows.push(await compareModel(model, gpujsBackend({ mode: 'gpu' }), jsBackend(), { perNeuron }));
    }
    return rows;
  },
  async bench({ sizes, reps, updates, only }) {
    const rows: BenchRow[] = [];
    const gpu = (options: GpujsBackendOptions) => gpujsBackend({ mode: 'gpu', ...options });
    const packed = { strategy: 'kernel-map', optimizeFloatMemory: true } as const;
    for (const n of sizes) {
      const elif = (backend: Backend) => () => new ELIFPopulation({ n, backend, spikeTrace: false });
      const variants = [
        { label: 'backend-js f32', make: elif(jsBackend()), spikes: false },
        { label: 'gpujs WebGL2 kernel-map', make: elif(gpu({ strategy: 'kernel-map' })), spikes: false },
        { label: 'gpujs WebGL2 per-output', make: elif(gpu({ strategy: 'per-output' })), spikes: false },
        { label: 'gpujs WebGL2 kernel-map packed', make: elif(gpu(packed)), spikes: false },
        {
          label: 'gpujs WebGL2 kernel-map +spikes',
          make: elif(gpu({ strategy: 'kernel-map' })),
          spikes: true,
        },
        { label: 'gpujs WebGL2 packed +spikes', make: elif(gpu(packed)), spikes: true },
      ].filter((variant) => !only || variant.label === 'backend-js f32' || only.includes(variant.label));
      rows.push(...(await benchInterleaved(variants, n, Math.max(1, Math.round(updates / n)), reps)));
    }
    return rows;
  },
};

(window as unknown as { synapticflowGpujs: PageApi }).synapticflowGpujs = api;
