import type { Recording } from '@synapticflow/core/backend';
import type { Tensor, TfjsNamespace } from './tf-namespace.js';

/**
 * Read recorded rows back when this many elements or tensors are held: bounds memory on long runs, and on
 * tfjs-cpu small blocks stay in cache (spike recording at n = 1000 cost about +20% per step with 4096-row
 * blocks, +5% with 64-row blocks). On GPUs it is still one read per 256 steps, not per step.
 */
const FLUSH_ELEMENTS = 1 << 20;
const FLUSH_TENSORS = 256;

interface Pending {
  readonly recording: Recording;
  /** The recording row of the first held tensor. */
  firstRow: number;
  tensors: Tensor[];
}

/**
 * Fills a run's recordings without a read per step: after each recorded step it holds on to the state
 * tensor (tensors are immutable, so no copy), and per block it concatenates the held rows and reads them
 * with one `dataSync` — or one `data()` on backends that only read asynchronously.
 */
export class Recorder {
  private readonly pending: Pending[];
  private readonly held = new Set<Tensor>();
  private heldElements = 0;
  private readonly reads: Promise<void>[] = [];

  constructor(
    private readonly tf: TfjsNamespace,
    recordings: readonly Recording[],
    private readonly size: number,
    private readonly synchronous: boolean,
    /** Whether a tensor is current state (then the kernel, not the recorder, disposes it). */
    private readonly isLive: (tensor: Tensor) => boolean,
  ) {
    this.pending = recordings.map((recording) => ({ recording, firstRow: 0, tensors: [] }));
  }

  /** Whether the recorder still needs this tensor, so the kernel must not dispose it when state moves on. */
  holds(tensor: Tensor): boolean {
    return this.held.has(tensor);
  }

  /** Called after step `k` with the state as it is then. */
  record(k: number, state: ReadonlyMap<string, Tensor>): void {
    for (const entry of this.pending) {
      const { name, stride } = entry.recording;
      if (k % stride !== 0) continue;
      if (entry.tensors.length === 0) entry.firstRow = k / stride;
      const tensor = state.get(name)!;
      entry.tensors.push(tensor);
      this.held.add(tensor);
      this.heldElements += this.size;
    }
    if (this.heldElements >= FLUSH_ELEMENTS || this.held.size >= FLUSH_TENSORS) this.flush();
  }

  /** Reads what is left; a Promise only where the backend reads asynchronously and something was recorded. */
  finish(): undefined | Promise<void> {
    this.flush();
    return this.reads.length ? Promise.all(this.reads).then(() => undefined) : undefined;
  }

  /** Gives up the held rows (a run that failed part-way). */
  discard(): void {
    for (const entry of this.pending) entry.tensors = [];
    this.release();
  }

  private flush(): void {
    for (const entry of this.pending) {
      if (entry.tensors.length === 0) continue;
      const offset = entry.firstRow * this.size;
      const { buffer } = entry.recording;
      const single = entry.tensors.length === 1 && this.synchronous;
      const block = single ? entry.tensors[0]! : this.tf.concat(entry.tensors, 0);
      if (this.synchronous) {
        buffer.set(block.dataSync(), offset);
        if (!single) block.dispose();
      } else {
        this.reads.push(
          block.data().then((values) => {
            buffer.set(values as ArrayLike<number>, offset);
            block.dispose();
          }),
        );
      }
      entry.tensors = [];
    }
    this.release();
  }

  private release(): void {
    for (const tensor of this.held) if (!this.isLive(tensor)) tensor.dispose();
    this.held.clear();
    this.heldElements = 0;
  }
}
