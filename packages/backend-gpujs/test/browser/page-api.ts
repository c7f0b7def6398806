import type { ModelComparison } from '../custom-models.js';
import type { Deviation } from '../precision.js';

/** What the browser page reports about the gpu.js it runs. */
export interface PageEnvironment {
  /** `new GPU({ mode: 'gpu' })` as gpu.js resolved it. */
  gpuMode: string;
  kernelClass: string;
  strategy: string;
  synchronousReads: boolean;
  /** The kernel description of a population after a step, with the class of the kernel that ran. */
  description: string;
  stepKernelClasses: string[];
  renderer: string;
}

export interface BenchRow {
  implementation: string;
  n: number;
  steps: number;
  /** Neuron-updates per second of each repetition. */
  rates: number[];
}

/** The page's functions, on `window.synapticflowGpujs`. */
export interface PageApi {
  environment(): Promise<PageEnvironment>;
  /** Runs one case of the shared suite on WebGL2; resolves to null, or the failure message. */
  runSuiteCase(id: string): Promise<string | null>;
  /** Live textures (created minus deleted) before and after populations are created, run and disposed. */
  textureBalance(): Promise<{ before: number; during: number; after: number }>;
  /** Textures created per step and time per step once a population runs (n = 100, constant input). */
  texturesPerStep(
    strategy: 'kernel-map' | 'per-output',
    spikes?: boolean,
    steps?: number,
  ): Promise<{ created: number; microseconds: number; jsMicroseconds: number }>;
  /** Whether four values per texel (gpu.js optimizeFloatMemory) give the same run as one per texel. */
  packedMatchesUnpacked(): Promise<boolean>;
  precision(): Promise<Deviation[]>;
  customModels(): Promise<ModelComparison[]>;
  /** Interleaved timings of backend-js and gpujs variants (`only`: those labels, plus backend-js). */
  bench(options: { sizes: number[]; reps: number; updates: number; only?: string[] }): Promise<BenchRow[]>;
}
