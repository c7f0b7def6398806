export { type GpujsBackend, type GpujsBackendOptions, type GpujsMode, gpujsBackend } from './backend.js';
export { emitCondition, emitValue, type KernelSymbols } from './codegen/emit-expression.js';
export { generateKernelSource, type KernelArgument, type KernelSource } from './codegen/kernel-source.js';
export type { LaunchGroup, LaunchStrategy } from './codegen/launch-plan.js';
export { GpujsKernel } from './kernel/gpujs-kernel.js';
