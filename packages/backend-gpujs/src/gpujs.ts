/**
 * The slice of gpu.js this backend uses, typed where gpu.js's own declarations are loose. Everything else
 * imports gpu.js through this file, so the places that lean on its internals stay in one spot.
 */
import { GPU, Input } from 'gpu.js';

export { GPU, Input };

/** A gpu.js kernel class as `gpu.Kernel` holds it: its static mode name and capabilities. */
export interface KernelClass {
  readonly name: string;
  readonly mode: string;
  readonly features: { readonly kernelMap: boolean; readonly channelCount?: number };
}

/** A gpu.js kernel instance (inside a run shortcut); after a fallback it is another class. */
export interface GpuKernelInstance {
  readonly constructor: { readonly name: string; readonly mode?: string };
  readonly fallbackReason?: string | null;
}

/** What `gpu.createKernel`/`createKernelMap` return: callable, with the kernel that actually runs inside. */
export interface KernelShortcut {
  (...args: unknown[]): unknown;
  readonly kernel: GpuKernelInstance;
  destroy(removeCanvasReferences?: boolean): void;
}

/** A gpu.js texture (pipeline output on the GL kernels). */
export interface GpuTexture {
  readonly type: string;
  readonly output: readonly number[];
  toArray(): unknown;
  delete(): void;
}

/** GL texture internals that an asynchronous (PBO) readback needs; present on gpu.js's GLTexture. */
export interface GlTextureInternals extends GpuTexture {
  readonly context: WebGL2RenderingContext;
  readonly texture: WebGLTexture;
  readonly size: readonly [number, number];
  framebuffer(): WebGLFramebuffer;
}

export interface GpuInstance {
  readonly mode: string;
  readonly Kernel: KernelClass;
  createKernel(source: string, settings: object): KernelShortcut;
  createKernelMap(subKernels: Record<string, string>, source: string, settings: object): KernelShortcut;
  destroy(): Promise<void>;
}

/** Creates a gpu.js instance; gpu.js throws a plain Error for a mode this environment cannot run. */
export function createGpu(mode: string): GpuInstance {
  return new GPU({ mode: mode as never }) as unknown as GpuInstance;
}

export function isTexture(value: unknown): value is GpuTexture {
  return typeof value === 'object' && value !== null && typeof (value as GpuTexture).delete === 'function';
}

/**
 * The GL kernel classes (WebGL2, WebGL, headless-gl) keep pipeline outputs in textures; gpu.js gives them
 * all the static mode "gpu" (the others: "cpu", "webasm", "webgpu"). The rest return typed arrays.
 */
export function usesTextures(kernelClass: KernelClass): boolean {
  return kernelClass.mode === 'gpu';
}
