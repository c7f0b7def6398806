import type { Backend, FloatArray, StateArray } from '@synapticflow/core';
import type {
  Kernel,
  KernelInput,
  KernelRequest,
  ParameterValue,
  Recording,
  RunRequest,
} from '@synapticflow/core/backend';
import { SuiteFailure } from './assert.js';

/**
 * Neurons per batch row of every population a spanning backend runs: more than three of backend-js's
 * 4096-neuron sweeps, many wasm vectors and GPU tiles, and several shares of any thread split, so that a
 * fault confined to a later block, a block boundary or one thread's share shows in every check.
 */
export const SPAN_NEURONS = 13_000;
/** Wide inputs and recordings are split into runs of at most this many elements, to bound memory. */
const CHUNK_ELEMENTS = 4_000_000;

/**
 * `base`, with each population widened to at least `neuronsPerRow` neurons per batch row: the requested n
 * neurons are repeated side by side, with their parameters, state and input. Neurons do not interact, so every
 * copy must stay bit-identical to the first; each read and recording compares every copy with it (throwing a
 * SuiteFailure that names the element otherwise) and returns the first. A check run on this backend thus
 * compares every element of a population spanning many blocks and thread shares, at the cost of one small
 * population's oracle.
 */
export function spanningBackend(base: Backend, neuronsPerRow = SPAN_NEURONS): Backend {
  return {
    ...base,
    createKernel(request: KernelRequest): Kernel {
      const copies = Math.max(1, Math.ceil(neuronsPerRow / request.n));
      if (copies === 1) return base.createKernel(request);
      const parameters = new Map<string, ParameterValue>();
      for (const [name, value] of request.parameters)
        parameters.set(name, typeof value === 'number' ? value : repeat(value, request.n, copies));
      const wide = base.createKernel({ ...request, n: request.n * copies, parameters });
      return new SpanningKernel(wide, request, copies);
    },
  };
}

class SpanningKernel implements Kernel {
  readonly description: string;
  private readonly wideN: number;

  constructor(
    private readonly wide: Kernel,
    private readonly request: KernelRequest,
    private readonly copies: number,
  ) {
    this.wideN = request.n * copies;
    this.description = `${wide.description} (each neuron ×${copies}: ${this.wideN} per row)`;
  }

  writeState(name: string, values: ArrayLike<number>): void {
    this.wide.writeState(name, repeat(values, this.request.n, this.copies));
  }

  readState(name: string): StateArray {
    return this.firstCopies(this.wide.readState(name), `state "${name}"`);
  }

  async readStateAsync(name: string): Promise<StateArray> {
    return this.firstCopies(await this.wide.readStateAsync(name), `state "${name}"`);
  }

  run(request: RunRequest): void | Promise<void> {
    const length = this.chunkLength(request);
    let pending: Promise<void> | null = null;
    for (let start = 0; start < request.steps; start += length) {
      const steps = Math.min(length, request.steps - start);
      if (pending) pending = pending.then(() => this.runChunk(request, start, steps));
      else {
        const done = this.runChunk(request, start, steps);
        if (done instanceof Promise) pending = done;
      }
    }
    return pending ?? undefined;
  }

  findNaN(): { state: string; index: number } | null {
    const found = this.wide.findNaN?.() ?? null;
    if (!found) return null;
    const row = Math.floor(found.index / this.wideN);
    return {
      state: found.state,
      index: row * this.request.n + ((found.index % this.wideN) % this.request.n),
    };
  }

  dispose(): void {
    this.wide.dispose();
  }

  /** Steps per wide run: a multiple of every recording stride, keeping wide buffers under CHUNK_ELEMENTS. */
  private chunkLength(request: RunRequest): number {
    const perStep = request.input.perStep || request.recordings.length > 0;
    if (!perStep) return Math.max(1, request.steps);
    const unit = request.recordings.reduce((l, r) => lcm(l, r.stride), 1);
    const stepsFitting = Math.floor(CHUNK_ELEMENTS / (this.request.batchSize * this.wideN));
    return Math.max(unit, Math.floor(stepsFitting / unit) * unit);
  }

  private runChunk(request: RunRequest, start: number, steps: number): void | Promise<void> {
    const { n, batchSize } = this.request;
    const wideInput = this.wideInput(request.input, start, steps);
    const recordings = request.recordings.map((r) => ({
      name: r.name,
      stride: r.stride,
      buffer: new (r.buffer.constructor as new (length: number) => StateArray)(
        Math.ceil(steps / r.stride) * batchSize * this.wideN,
      ),
    }));
    const done = this.wide.run({ steps, firstStep: request.firstStep + start, input: wideInput, recordings });
    const collect = () => {
      for (const [i, recording] of recordings.entries()) {
        const target: Recording = request.recordings[i]!;
        const firstRow = start / target.stride;
        target.buffer.set(
          this.firstCopies(recording.buffer, `recorded "${recording.name}" from step ${start}`),
          firstRow * batchSize * n,
        );
      }
    };
    if (done instanceof Promise) return done.then(collect);
    collect();
  }

  private wideInput(input: KernelInput, start: number, steps: number): KernelInput {
    const { n, batchSize } = this.request;
    const beforeStep = input.beforeStep && ((k: number) => input.beforeStep!(start + k));
    if (input.layout === 'scalar') {
      const data = input.perStep ? input.data.subarray(start, start + steps) : input.data;
      return { layout: 'scalar', perStep: input.perStep, data, ...(beforeStep ? { beforeStep } : {}) };
    }
    const block = input.layout === 'neuron' ? n : n * batchSize;
    const blocks = input.perStep ? steps : 1;
    const data = new (input.data.constructor as new (length: number) => FloatArray)(
      blocks * block * this.copies,
    );
    const fill = (k: number) => {
      const from = input.perStep ? (start + k) * block : 0;
      const to = input.perStep ? k : 0;
      data.set(repeat(input.data.subarray(from, from + block), n, this.copies), to * block * this.copies);
    };
    for (let k = 0; k < blocks; k++) fill(k);
    if (!beforeStep) return { layout: input.layout, perStep: input.perStep, data };
    return {
      layout: input.layout,
      perStep: input.perStep,
      data,
      beforeStep: (k: number) => {
        beforeStep(k);
        fill(k);
      },
    };
  }

  /** The first copy of each neuron, after checking that every other copy holds the same bits. */
  private firstCopies(values: StateArray, what: string): StateArray {
    const { n } = this.request;
    const rows = values.length / this.wideN;
    const out = new (values.constructor as new (length: number) => StateArray)(rows * n);
    // Bits compared as integers: NaN equals NaN, -0 differs from 0, and the loop stays on small integers.
    const words = values instanceof Uint8Array ? 1 : values.BYTES_PER_ELEMENT / 4;
    const bits =
      values instanceof Uint8Array
        ? values
        : new Int32Array(values.buffer, values.byteOffset, values.length * words);
    const rowWords = this.wideN * words;
    const copyWords = n * words;
    for (let row = 0; row < rows; row++) {
      const base = row * this.wideN;
      for (let j = 0; j < n; j++) out[row * n + j] = values[base + j]!;
      const first = row * rowWords;
      for (let w = copyWords; w < rowWords; w++) {
        if (bits[first + w] !== bits[first + (w % copyWords)]) {
          const i = Math.floor(w / words);
          throw new SuiteFailure(
            `${what}: element ${base + i} of a population of ${this.wideN} neurons per row (neuron ${i % n} ` +
              `repeated, batch row ${row % this.request.batchSize}) is ${values[base + i]}, but its first ` +
              `copy, element ${base + (i % n)}, is ${values[base + (i % n)]}: elements that should compute alike differ`,
          );
        }
      }
    }
    return out;
  }
}

/** Each block of `n` values repeated `copies` times side by side (as a Float64Array). */
function repeat(values: ArrayLike<number>, n: number, copies: number): Float64Array {
  const blocks = values.length / n;
  const out = new Float64Array(values.length * copies);
  for (let b = 0; b < blocks; b++) {
    for (let c = 0; c < copies; c++) {
      for (let j = 0; j < n; j++) out[(b * copies + c) * n + j] = values[b * n + j]!;
    }
  }
  return out;
}

function lcm(a: number, b: number): number {
  const gcd = (x: number, y: number): number => (y === 0 ? x : gcd(y, x % y));
  return (a / gcd(a, b)) * b;
}
