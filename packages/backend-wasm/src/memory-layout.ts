import type { StepProgram } from '@synapticflow/core/backend';
import type { VectorShape } from './vector-shape.js';

export interface StateRegion {
  readonly offset: number;
  readonly type: 'number' | 'boolean';
}

/**
 * Where everything lives in the module's linear memory. Each batch row is padded to `pitch` elements, a whole
 * number of vectors, so that element j of every row lines up with element j of the per-neuron parameters.
 * Number state takes the dtype's width per element; boolean state one byte (0 or 1), so a spike recording
 * copies bytes straight into the caller's Uint8Array. The input region comes last and grows as runs need.
 */
export interface MemoryLayout {
  readonly shape: VectorShape;
  readonly n: number;
  readonly batchSize: number;
  /** Elements per row in memory: n rounded up to a multiple of the vector width. */
  readonly pitch: number;
  readonly state: ReadonlyMap<string, StateRegion>;
  /** Per-neuron parameters, one padded row each (shared by every batch row). */
  readonly perNeuron: ReadonlyMap<string, number>;
  /** Start of the input region (16-byte aligned). */
  readonly inputOffset: number;
}

export function planMemory(
  program: StepProgram,
  shape: VectorShape,
  size: { n: number; batchSize: number },
  perNeuronNames: readonly string[],
): MemoryLayout {
  const pitch = Math.ceil(size.n / shape.lanes) * shape.lanes;
  const elements = pitch * size.batchSize;
  let next = 0;
  const take = (bytes: number): number => {
    const offset = next;
    next += alignTo16(bytes);
    return offset;
  };
  const state = new Map<string, StateRegion>();
  for (const variable of program.state) {
    const bytes = variable.type === 'boolean' ? elements : elements * shape.bytes;
    state.set(variable.name, { offset: take(bytes), type: variable.type });
  }
  const perNeuron = new Map<string, number>();
  for (const name of perNeuronNames) perNeuron.set(name, take(pitch * shape.bytes));
  return { shape, n: size.n, batchSize: size.batchSize, pitch, state, perNeuron, inputOffset: next };
}

function alignTo16(bytes: number): number {
  return Math.ceil(bytes / 16) * 16;
}
