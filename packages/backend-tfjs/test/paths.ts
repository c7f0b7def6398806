import type { TfjsBackendOptions } from '../src/tfjs-backend.js';

/** The two ways a population runs on tfjs-cpu: tests that hold for both run once per path. */
export const CPU_PATHS: readonly { readonly label: string; readonly options: TfjsBackendOptions }[] = [
  { label: 'fused kernel', options: { fused: true } },
  { label: 'op by op', options: { fused: false } },
];
