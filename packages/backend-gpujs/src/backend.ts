import { BackendError } from '@synapticflow/core';
import type { Backend, KernelRequest } from '@synapticflow/core/backend';
import type { LaunchStrategy } from './codegen/launch-plan.js';
import { createGpu, type GpuInstance, usesTextures } from './gpujs.js';
import { GpujsKernel } from './kernel/gpujs-kernel.js';

/** gpu.js modes: `gpu` picks the best kernel gpu.js finds (WebGL2 in a browser); the rest force one. */
export type GpujsMode = 'gpu' | 'cpu' | 'webgl2' | 'webgl' | 'headlessgl' | 'webasm';

/** Options of `gpujsBackend`: the gpu.js mode, launch strategy and texture packing. */
export interface GpujsBackendOptions {
  /** Passed to `new GPU({ mode })` (default `gpu`). What actually ran shows in the kernel description. */
  mode?: GpujsMode;
  /**
   * How a step's state outputs are launched: `auto` (default) uses one kernel map where the kernel class
   * supports it (GL, cpu) and one kernel per output elsewhere (WebAssembly, whose kernel maps gpu.js
   * quietly runs on its cpu kernel instead). Forcing one is for measurements.
   */
  strategy?: 'auto' | LaunchStrategy;
  /**
   * Pack four values per texel on the GL kernels (gpu.js `optimizeFloatMemory`). Default false: packed, the
   * ELIF step ran 1.4–1.6× slower on WebGL2 (bench/bench.mjs), though reads move a quarter of the bytes.
   */
  optimizeFloatMemory?: boolean;
}

/** The gpu.js backend, with the mode, kernel class and launch strategy it resolved. */
export interface GpujsBackend extends Backend {
  readonly mode: GpujsMode;
  /** The gpu.js kernel class the mode selects here, before any per-kernel fallback, e.g. "WebGL2Kernel". */
  readonly kernelClass: string;
  /** The launch strategy `auto` resolved to for that kernel class. */
  readonly strategy: LaunchStrategy;
}

const MODES: readonly GpujsMode[] = ['gpu', 'cpu', 'webgl2', 'webgl', 'headlessgl', 'webasm'];

/**
 * The gpu.js backend: compiles step programs to gpu.js kernels. In a browser `gpu` mode runs WebGL2 and
 * keeps state in textures (read it with `await population.read(name)`); in Node gpu.js has no GL without
 * headless-gl and runs its WebAssembly kernel (`gpu`) or plain JavaScript (`cpu`). float32 only.
 *
 * Kernels of one backend share one gpu.js instance (one GL context); it is destroyed with the last kernel
 * disposed, and a later kernel starts a new one.
 */
export function gpujsBackend(options: GpujsBackendOptions = {}): GpujsBackend {
  const mode = options.mode ?? 'gpu';
  if (!MODES.includes(mode)) {
    throw new BackendError(
      `gpujs backend: mode must be one of ${MODES.join(', ')}, got ${JSON.stringify(mode)}`,
    );
  }
  let gpu: GpuInstance | null = open(mode);
  let live = 0;
  const kernelClass = gpu.Kernel;
  const strategy: LaunchStrategy =
    options.strategy && options.strategy !== 'auto'
      ? options.strategy
      : kernelClass.features.kernelMap
        ? 'kernel-map'
        : 'per-output';
  return {
    specificationVersion: 'v1',
    name: 'gpujs',
    dtypes: ['float32'],
    supportsThreads: false,
    // GL kernels keep state in textures: a blocking readPixels is the one thing not to offer by default.
    synchronousReads: !usesTextures(kernelClass),
    mode,
    kernelClass: kernelClass.name,
    strategy,
    createKernel(request: KernelRequest) {
      gpu ??= open(mode);
      const owner = gpu;
      live++;
      try {
        return new GpujsKernel(request, {
          gpu: owner,
          mode,
          strategy,
          optimizeFloatMemory: options.optimizeFloatMemory ?? false,
          onDispose() {
            if (--live > 0 || owner !== gpu) return;
            gpu = null;
            // Releases the GL context; nothing of this instance is in use any more.
            owner.destroy().catch(() => undefined);
          },
        });
      } catch (error) {
        live--;
        throw error;
      }
    },
  };
}

function open(mode: GpujsMode): GpuInstance {
  try {
    return createGpu(mode);
  } catch (error) {
    throw new BackendError(
      `gpujs backend: gpu.js cannot run mode "${mode}" here: ${(error as Error).message}`,
    );
  }
}
