import { BackendError } from '../../errors.js';
import type { DeliverOwnedSpikes, DeliverSpikes } from '../delivery/compile-js-delivery.js';

/** A typed array that a delivery reads or writes; every one lives on a SharedArrayBuffer. */
export type SharedNumbers = Float32Array | Float64Array | Uint8Array | Uint32Array;

/** One projection's delivery as each thread builds it (see `SplitDeliveryPlan`). */
export interface SplitProjection {
  /** The target population's index among the phase group's kernels. */
  readonly target: number;
  /** Neurons per batch row of the target population. */
  readonly targetN: number;
  /** Neurons per batch row of the source group: spike indices are `row * sourceN + i`. */
  readonly sourceN: number;
  /** `new Function(...parameters, source)(...factoryArguments)` returns the entries `spikes` and `owned`. */
  readonly parameters: readonly string[];
  readonly source: string;
  readonly factoryArguments: readonly SharedNumbers[];
  /** The spikes to deliver at this step, `counts[p]` of them, filled by the calling thread. */
  readonly spikes: Uint32Array;
  /** Whether the program sets a synapse variable, which every batch row's events of that synapse write. */
  readonly writesSynapses: boolean;
}

/**
 * Every projection of a network whose delivery may split by target over threads, in projection order: the
 * calling thread fills the spike lists, counts and time of a step, then each thread applies the events whose
 * target it owns. Every target's events are applied by one thread in the single-thread order (spike by spike,
 * synapse by synapse), so the results are bit-identical to one thread.
 */
export interface SplitDeliveryPlan {
  readonly projections: readonly SplitProjection[];
  /** Batch rows of the network. */
  readonly batchSize: number;
  /** `counts[p]`: spikes in projection p's list at this step. */
  readonly counts: Int32Array;
  /** `time[0]`: t (ms) of the step being delivered. */
  readonly time: Float64Array;
}

/** A half-open range [lo, hi) of target keys. */
export interface KeyRange {
  readonly lo: number;
  readonly hi: number;
}

/**
 * Which targets of a population each thread owns (the elements it integrates). `by: 'column'`: the key of
 * target j of batch row b is j (a thread owns columns of every row); `'element'`: it is b*n + j (a thread owns
 * a range of all rows laid end to end). `slices[0]` is the calling thread's, `slices[w + 1]` worker w's; null:
 * none.
 */
export interface TargetOwnership {
  readonly by: 'column' | 'element';
  readonly slices: readonly (KeyRange | null)[];
}

/** The entries of one projection built on this thread. */
interface BuiltProjection {
  readonly spikesEntry: DeliverSpikes;
  readonly owned: DeliverOwnedSpikes;
  readonly spikes: Uint32Array;
  readonly sourceN: number;
  readonly keyStride: number;
  readonly slices: readonly (KeyRange | null)[];
}

/**
 * Why a plan cannot split by target with this ownership, or null where it can. A program that sets synapse
 * variables with several batch rows and element ownership would have two threads write one synapse.
 */
export function splitDeliveryObstacle(
  plan: SplitDeliveryPlan,
  ownership: readonly TargetOwnership[],
): string | null {
  for (const projection of plan.projections) {
    const owner = ownership[projection.target];
    if (!owner) return `no ownership for target population ${projection.target}`;
    if (projection.writesSynapses && plan.batchSize > 1 && owner.by === 'element')
      return 'a synapse program sets synapse variables, which batch rows on different threads would share';
    for (const array of [...projection.factoryArguments, projection.spikes]) {
      if (!(array.buffer instanceof SharedArrayBuffer)) return 'an array of the delivery is not shared';
    }
  }
  return null;
}

/**
 * The calling thread's side of a delivery split by target: its entries, the slices it runs (its own and those
 * of late workers), the whole delivery where the step is not split, and what workers need to build theirs.
 */
export class TargetSplitDelivery {
  private readonly built: BuiltProjection[];

  constructor(
    private readonly plan: SplitDeliveryPlan,
    private readonly ownership: readonly TargetOwnership[],
  ) {
    const obstacle = splitDeliveryObstacle(plan, ownership);
    if (obstacle) throw new BackendError(`delivery split by target: ${obstacle}`);
    this.built = plan.projections.map((projection) => {
      const factory = new Function(...projection.parameters, projection.source) as (...args: unknown[]) => {
        spikes: DeliverSpikes;
        owned: DeliverOwnedSpikes;
      };
      const entries = factory(...projection.factoryArguments);
      const owner = ownership[projection.target]!;
      return {
        spikesEntry: entries.spikes,
        owned: entries.owned,
        spikes: projection.spikes,
        sourceN: projection.sourceN,
        keyStride: owner.by === 'column' ? 0 : projection.targetN,
        slices: owner.slices,
      };
    });
  }

  /** Every projection's events whose targets slice `slice` owns (0: the calling thread's, w + 1: worker w's). */
  runSlice(slice: number): void {
    const { built, plan } = this;
    const t = plan.time[0]!;
    for (let p = 0; p < built.length; p++) {
      const projection = built[p]!;
      const range = projection.slices[slice];
      if (!range) continue;
      projection.owned(
        projection.spikes,
        plan.counts[p]!,
        projection.sourceN,
        t,
        projection.keyStride,
        range.lo,
        range.hi,
      );
    }
  }

  /** Every projection's events on this thread alone. */
  runWhole(): void {
    const { built, plan } = this;
    const t = plan.time[0]!;
    for (let p = 0; p < built.length; p++) {
      const projection = built[p]!;
      projection.spikesEntry(projection.spikes, plan.counts[p]!, projection.sourceN, t);
    }
  }

  /** What a worker's `SPLIT_DELIVERY_WORKER_SETUP` reads from `init.delivery` (structured-cloneable). */
  workerInit(): unknown {
    return {
      counts: this.plan.counts.buffer,
      time: this.plan.time.buffer,
      projections: this.plan.projections.map((projection, p) => ({
        parameters: projection.parameters,
        source: projection.source,
        arrays: projection.factoryArguments.map((array) => ({
          buffer: array.buffer,
          byteOffset: array.byteOffset,
          length: array.length,
          type: typeName(array),
        })),
        spikes: projection.spikes.buffer,
        sourceN: projection.sourceN,
        keyStride: this.built[p]!.keyStride,
        slices: this.ownership[projection.target]!.slices,
      })),
    };
  }
}

function typeName(array: SharedNumbers): string {
  if (array instanceof Float64Array) return 'Float64Array';
  if (array instanceof Float32Array) return 'Float32Array';
  if (array instanceof Uint8Array) return 'Uint8Array';
  return 'Uint32Array';
}

/**
 * Worker source that defines `delivery` from `init.delivery` (null where delivery stays on the calling thread):
 * each projection's entries built over the worker's own views of the shared arrays.
 */
export const SPLIT_DELIVERY_WORKER_SETUP = `const delivery = init.delivery == null ? null : (() => {
    const d = init.delivery;
    const types = { Float64Array, Float32Array, Uint8Array, Uint32Array };
    return {
      counts: new Int32Array(d.counts),
      time: new Float64Array(d.time),
      projections: d.projections.map((p) => ({
        entries: new Function(...p.parameters, p.source)(
          ...p.arrays.map((a) => new types[a.type](a.buffer, a.byteOffset, a.length)),
        ),
        spikes: new Uint32Array(p.spikes),
        sourceN: p.sourceN,
        keyStride: p.keyStride,
        slices: p.slices,
      })),
    };
  })();`;

/** Worker statements of a deliver command: worker `w`'s slice of every projection, in projection order. */
export const SPLIT_DELIVERY_WORKER_CALL = `{
    const t = delivery.time[0];
    for (let p = 0; p < delivery.projections.length; p++) {
      const d = delivery.projections[p];
      const range = d.slices[w + 1];
      if (range) d.entries.owned(d.spikes, delivery.counts[p], d.sourceN, t, d.keyStride, range.lo, range.hi);
    }
  }`;
