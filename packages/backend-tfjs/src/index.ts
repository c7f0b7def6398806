export { SYNCHRONOUS_READ_BACKENDS } from './active-backend.js';
export type { TfjsNamespace } from './tf-namespace.js';
export { type TfjsBackend, type TfjsBackendOptions, tfjsBackend } from './tfjs-backend.js';
export { type FusedKernelSummary, type PlanSummary, TfjsKernel } from './tfjs-kernel.js';
