import type * as tfCore from '@tensorflow/tfjs-core';

/**
 * The part of a TensorFlow.js namespace the backend uses. `@tensorflow/tfjs-core`, `@tensorflow/tfjs` and
 * `@tensorflow/tfjs-node` all provide it, so users can pass the one their application already imports.
 */
export type TfjsNamespace = Pick<
  typeof tfCore,
  | 'addN'
  | 'broadcastTo'
  | 'concat'
  | 'engine'
  | 'getBackend'
  | 'getKernel'
  | 'keep'
  | 'memory'
  | 'ready'
  | 'registerKernel'
  | 'scalar'
  | 'setBackend'
  | 'sum'
  | 'tensor'
  | 'tidy'
  | 'unregisterKernel'
  | 'version_core'
>;

export type Tensor = tfCore.Tensor;
