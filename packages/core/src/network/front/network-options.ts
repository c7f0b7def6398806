import { type Backend, DTYPES, type Dtype } from '../../backend.js';
import { BackendError, NetworkError, ParameterError } from '../../errors.js';
import { DEFAULT_MEMORY_LIMIT_BYTES } from '../../population/memory.js';

/** Options of a `Network`: backend, dt, dtype, batch size and memory limit. */
export interface NetworkOptions {
  /** A backend that runs networks, e.g. jsBackend() from @synapticflow/backend-js. */
  backend: Backend;
  /** Time step in ms (default 0.1). */
  dt?: number;
  /** Arithmetic of every group and synapse (default float32, as for a Population). */
  dtype?: Dtype;
  /** Independent trials run side by side; connectivity and synapse variables are shared (default 1). */
  batchSize?: number;
  /**
   * Most bytes the network may hold for state, connectivity, synapse variables and one run's state
   * recordings (default `DEFAULT_MEMORY_LIMIT_BYTES`, 4 GiB); more raises a MemoryLimitError before allocating.
   */
  memoryLimitBytes?: number;
}

/** Checks a network's options and fills in the defaults. */
export function resolveNetworkOptions(options: NetworkOptions): Required<NetworkOptions> {
  if (options === null || typeof options !== 'object') {
    throw new NetworkError('new Network(options) needs an options object with at least { backend }');
  }
  const { backend } = options;
  if (!backend || typeof backend.createKernel !== 'function') {
    throw new BackendError(
      'options.backend must be a backend, e.g. jsBackend() from @synapticflow/backend-js',
    );
  }
  if (typeof backend.createNetworkKernel !== 'function') {
    throw new NetworkError(
      `backend "${backend.name}" does not run networks; use js (jsBackend() from @synapticflow/backend-js) ` +
        'or wasm (wasmBackend() from @synapticflow/backend-wasm)',
    );
  }
  const dt = options.dt ?? 0.1;
  if (typeof dt !== 'number' || !Number.isFinite(dt) || dt <= 0) {
    throw new ParameterError(`dt must be a finite number > 0 (ms), got ${dt}`);
  }
  const dtype = options.dtype ?? 'float32';
  if (!DTYPES.includes(dtype)) {
    throw new ParameterError(`dtype must be "float32" or "float64", got ${JSON.stringify(dtype)}`);
  }
  if (!backend.dtypes.includes(dtype)) {
    throw new BackendError(
      `backend "${backend.name}" does not support dtype ${dtype}; it supports ${backend.dtypes.join(', ')}`,
    );
  }
  const batchSize = options.batchSize ?? 1;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new ParameterError(`batchSize must be a positive integer, got ${batchSize}`);
  }
  const memoryLimitBytes = options.memoryLimitBytes ?? DEFAULT_MEMORY_LIMIT_BYTES;
  if (typeof memoryLimitBytes !== 'number' || !(memoryLimitBytes > 0)) {
    throw new ParameterError(`memoryLimitBytes must be a number > 0, got ${memoryLimitBytes}`);
  }
  return { backend, dt, dtype, batchSize, memoryLimitBytes };
}
