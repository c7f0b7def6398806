import type { DataId, DataType, TensorInfo } from '@tensorflow/tfjs-core';

/**
 * What a kernel needs of tfjs-backend-cpu's MathBackendCPU (4.x): its data storage, whose `get` returns a
 * tensor's flat values (moving them from another backend first, as tfjs-cpu's own kernels rely on), and
 * `makeTensorInfo`, which takes ownership of a new values array as a kernel output.
 */
export interface CpuStorage {
  readonly data: { get(dataId: DataId): { values?: unknown } };
  makeTensorInfo(shape: number[], dtype: DataType, values: Float32Array | Uint8Array): TensorInfo;
}

/** Duck-typed rather than `instanceof`, so a MathBackendCPU from another copy of the package qualifies. */
export function isCpuStorage(backend: unknown): backend is CpuStorage {
  const candidate = backend as Partial<CpuStorage> | null;
  return (
    typeof candidate?.makeTensorInfo === 'function' &&
    typeof (candidate.data as { get?: unknown } | undefined)?.get === 'function'
  );
}

/** The values of a tensor held by the cpu backend: its own array, to be read, never written. */
export function valuesOf(storage: CpuStorage, tensor: TensorInfo): ArrayLike<number> {
  const values = storage.data.get(tensor.dataId).values;
  if (!ArrayBuffer.isView(values)) {
    throw new Error(`tfjs-cpu holds no typed array for a ${tensor.dtype} tensor of shape [${tensor.shape}]`);
  }
  return values as unknown as ArrayLike<number>;
}
