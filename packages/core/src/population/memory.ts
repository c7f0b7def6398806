import type { Dtype } from '../backend.js';
import { MemoryLimitError } from '../errors.js';
import type { StepProgram } from '../program/program.js';

/**
 * Default cap on what one population may allocate for its state, parameters and one run's recordings: 4 GiB.
 * It stops a typo such as `batchSize: 1e9` from exhausting the machine before any backend allocates;
 * raise it with the population option `memoryLimitBytes` where a machine has the room.
 */
export const DEFAULT_MEMORY_LIMIT_BYTES = 4 * 2 ** 30;

/** The longest typed array JavaScript engines allocate (V8 on 64-bit: 2^32 elements). */
export const MAX_TYPED_ARRAY_LENGTH = 2 ** 32;

export function bytesPerValue(dtype: Dtype): number {
  return dtype === 'float32' ? 4 : 8;
}

/**
 * Bytes a kernel needs for a population: every state variable (batchSize*n values; boolean state one byte
 * each), each per-neuron parameter (n values) and a batchSize*n input buffer, all in the dtype.
 */
export function populationBytes(
  program: StepProgram,
  dtype: Dtype,
  n: number,
  batchSize: number,
  perNeuronParameters: number,
): number {
  const size = n * batchSize;
  const bytes = bytesPerValue(dtype);
  let total = size * bytes + perNeuronParameters * n * bytes;
  for (const variable of program.state) total += size * (variable.type === 'boolean' ? 1 : bytes);
  return total;
}

/** One buffer a run records into: its name and how many values it holds. */
export interface RecordingSize {
  name: string;
  length: number;
  bytesPerValue: number;
}

/** Refuses a population that would not fit the limit, saying how much it needs and what to change. */
export function checkPopulationMemory(bytes: number, limit: number, n: number, batchSize: number): void {
  const size = n * batchSize;
  if (size > MAX_TYPED_ARRAY_LENGTH) {
    throw new MemoryLimitError(
      `batchSize*n = ${size} values per state variable is more than one array can hold ` +
        `(${MAX_TYPED_ARRAY_LENGTH}); use fewer neurons or a smaller batchSize`,
      bytes,
      limit,
    );
  }
  if (bytes > limit) {
    throw new MemoryLimitError(
      `a population of n = ${n} neurons x batchSize ${batchSize} needs ${formatBytes(bytes)} for state and ` +
        `parameters, over the memory limit of ${formatBytes(limit)}; use fewer neurons or a smaller batchSize, ` +
        'or raise the limit with the option memoryLimitBytes',
      bytes,
      limit,
    );
  }
}

/** Refuses a run whose recordings (plus the population's own buffers) would not fit the limit. */
export function checkRunMemory(
  steps: number,
  recordings: readonly RecordingSize[],
  populationBytes: number,
  limit: number,
): void {
  let bytes = populationBytes;
  for (const recording of recordings) {
    if (recording.length > MAX_TYPED_ARRAY_LENGTH) {
      throw new MemoryLimitError(
        `recording "${recording.name}" of a ${steps}-step run needs ${recording.length} values, more than one ` +
          `array can hold (${MAX_TYPED_ARRAY_LENGTH}); ${advice(recording.name)}`,
        bytes + recording.length * recording.bytesPerValue,
        limit,
      );
    }
    bytes += recording.length * recording.bytesPerValue;
  }
  if (bytes > limit) {
    const names = recordings.map((r) => r.name).join(', ');
    throw new MemoryLimitError(
      `a ${steps}-step run recording ${names} needs ${formatBytes(bytes)} with the population's buffers, over ` +
        `the memory limit of ${formatBytes(limit)}; run fewer steps per call, record with a stride, ` +
        'pass spikes: false where spikes are not needed, or raise the limit with the option memoryLimitBytes',
      bytes,
      limit,
    );
  }
}

function advice(name: string): string {
  return name === 's'
    ? 'run fewer steps per call or pass spikes: false'
    : 'run fewer steps per call or record with a larger stride';
}

export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} bytes` : `${value.toPrecision(3)} ${units[unit]}`;
}
