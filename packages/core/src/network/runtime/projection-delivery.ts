import { BackendError } from '../../errors.js';
import type { DeliverSpikes } from '../delivery/compile-js-delivery.js';
import type { DeliverEvents } from '../kernel/contract.js';
import type { EventRing } from './event-ring.js';
import type { SpikeHistory } from './spike-history.js';

/** How a projection's events wait for their step: one delay for all synapses, or a delay per synapse. */
export type DelayQueue =
  | { readonly kind: 'uniform'; readonly steps: number; readonly history: SpikeHistory | null }
  | { readonly kind: 'per-synapse'; readonly steps: Uint32Array; readonly ring: EventRing };

/**
 * One projection at run time: turns the source group's spikes into events and delivers those due at a step,
 * emission step oldest first, then synapse index.
 */
export class ProjectionDelivery {
  /** Synapse indices of one source's row, for a delivery that takes a list of events. */
  private readonly scratch: Uint32Array;
  /** `dueSpikes`'s result, reused. */
  private readonly due: { list: Uint32Array; count: number } = { list: new Uint32Array(0), count: 0 };

  constructor(
    private readonly rowStarts: Uint32Array,
    private readonly sourceN: number,
    private readonly queue: DelayQueue,
    private readonly deliverEvents: DeliverEvents,
    private readonly deliverSpikes: DeliverSpikes | null,
  ) {
    let widest = 0;
    if (queue.kind === 'uniform' && deliverSpikes === null) {
      for (let i = 0; i < sourceN; i++) widest = Math.max(widest, rowStarts[i + 1]! - rowStarts[i]!);
    }
    this.scratch = new Uint32Array(widest);
  }

  /** Queues the events of this step's source spikes (per-synapse delays only; one delay reads the history). */
  emit(step: number, spikes: Uint32Array, count: number): void {
    const queue = this.queue;
    if (queue.kind !== 'per-synapse') return;
    const { ring, steps } = queue;
    const { rowStarts, sourceN } = this;
    const length = ring.length;
    const now = ring.slotOf(step);
    for (let q = 0; q < count; q++) {
      const flat = spikes[q]!;
      const row = Math.floor(flat / sourceN);
      const i = flat - row * sourceN;
      const last = rowStarts[i + 1]!;
      for (let s = rowStarts[i]!; s < last; s++) {
        // Delays are below the ring's length, so one subtraction wraps the slot.
        const slot = now + steps[s]!;
        ring.push(slot < length ? slot : slot - length, row, s);
      }
    }
  }

  /**
   * Copies the spikes whose events are due at `step` (one delay for all synapses) into `into`, returning their
   * count; `spikes[0..count)` are the source's spikes of this step.
   */
  copyDue(step: number, spikes: Uint32Array, count: number, into: Uint32Array): number {
    const queue = this.queue;
    if (queue.kind !== 'uniform')
      throw new BackendError('network runner: copyDue serves projections with one delay');
    const due = this.dueSpikes(queue, step, spikes, count);
    const list = due.list;
    for (let q = 0; q < due.count; q++) into[q] = list[q]!;
    return due.count;
  }

  /**
   * The spikes whose events are due at `step` on a one-delay queue: this step's own for no delay, else the
   * history's slot of `step - delay`. Returned in one reused record, so the step allocates nothing.
   */
  private dueSpikes(
    queue: Extract<DelayQueue, { kind: 'uniform' }>,
    step: number,
    spikes: Uint32Array,
    count: number,
  ): { list: Uint32Array; count: number } {
    const due = this.due;
    if (queue.steps > 0) {
      const history = queue.history!;
      const slot = history.slotOf(step - queue.steps);
      due.list = history.list(slot);
      due.count = history.count(slot);
    } else {
      due.list = spikes;
      due.count = count;
    }
    return due;
  }

  /** Delivers the events due at `step`; `spikes[0..count)` are the source's spikes of this step. */
  deliver(step: number, t: number, spikes: Uint32Array, count: number): void {
    const queue = this.queue;
    if (queue.kind === 'per-synapse') {
      const ring = queue.ring;
      const slot = ring.slotOf(step);
      const total = ring.count(slot);
      const synapses = ring.synapsesOf(slot);
      const rows = ring.rowsOf(slot);
      // Consecutive events of one batch row go in one call.
      let start = 0;
      while (start < total) {
        const row = rows[start]!;
        let end = start + 1;
        while (end < total && rows[end] === row) end++;
        this.deliverEvents(synapses, start, end, row, t);
        start = end;
      }
      ring.empty(slot);
      return;
    }
    const { list, count: listCount } = this.dueSpikes(queue, step, spikes, count);
    if (this.deliverSpikes) {
      this.deliverSpikes(list, listCount, this.sourceN, t);
      return;
    }
    const { rowStarts, sourceN, scratch } = this;
    for (let q = 0; q < listCount; q++) {
      const flat = list[q]!;
      const row = Math.floor(flat / sourceN);
      const i = flat - row * sourceN;
      const first = rowStarts[i]!;
      const width = rowStarts[i + 1]! - first;
      for (let k = 0; k < width; k++) scratch[k] = first + k;
      this.deliverEvents(scratch, 0, width, row, t);
    }
  }
}
