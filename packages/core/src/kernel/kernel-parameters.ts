import type { KernelRequest, ParameterValue } from '../backend.js';
import { BackendError } from '../errors.js';

/**
 * The value of every parameter the step program reads, in its order, scalars rounded to the kernel's dtype
 * (per-neuron arrays as given); a missing value is a BackendError naming the kernel's owner.
 */
export function kernelParameters(owner: string, request: KernelRequest): Map<string, ParameterValue> {
  const values = new Map<string, ParameterValue>();
  for (const name of request.program.parameters) {
    const value = request.parameters.get(name);
    if (value === undefined) throw new BackendError(`${owner}: no value for parameter "${name}"`);
    values.set(name, typeof value === 'number' && request.dtype === 'float32' ? Math.fround(value) : value);
  }
  return values;
}
