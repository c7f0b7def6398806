import { NetworkError } from '../../errors.js';
import type { SpikeSink } from '../kernel/contract.js';
import type { NetworkGroup } from './groups.js';
import { GrowableArray } from './growable.js';
import { attachRecorder, type RunRecording } from './recorder.js';

/** One group's spikes: neuron `indices[q]` of batch row `rows[q]` spiked in step `steps[q]`. */
export interface GroupSpikes {
  readonly steps: Uint32Array;
  readonly rows: Uint32Array;
  readonly indices: Uint32Array;
}

/**
 * Every spike of the watched groups, in the order they happened (by step, then group in the monitor's list,
 * then row and neuron). Spike q is neuron `indices[q]` of batch row `rows[q]` of group `watched[groups[q]]`
 * in step `steps[q]`, at time `steps[q] * dt` ms. The accessors return copies.
 */
export class SpikeMonitor {
  private readonly stepList = new GrowableArray((n) => new Uint32Array(n));
  private readonly groupList = new GrowableArray((n) => new Uint16Array(n));
  private readonly rowList = new GrowableArray((n) => new Uint32Array(n));
  private readonly indexList = new GrowableArray((n) => new Uint32Array(n));

  constructor(
    /** The groups this monitor watches, in the order `groups` numbers them. */
    readonly watched: readonly NetworkGroup[],
    private readonly dt: number,
  ) {
    const local = new Map(watched.map((group, k) => [group.index, k]));
    const sizes = watched.map((group) => group.n);
    const sink: SpikeSink = {
      groups: watched.map((group) => group.index),
      accept: (step, group, indices, count) => {
        const k = local.get(group)!;
        const n = sizes[k]!;
        for (let q = 0; q < count; q++) {
          const flat = indices[q]!;
          const row = Math.floor(flat / n);
          this.stepList.push(step);
          this.groupList.push(k);
          this.rowList.push(row);
          this.indexList.push(flat - row * n);
        }
      },
    };
    const recording: RunRecording = { sinks: [sink], probes: [] };
    attachRecorder(this, {
      begin: () => recording,
      end: () => {},
      clear: () => {
        for (const list of [this.stepList, this.groupList, this.rowList, this.indexList]) list.clear();
      },
    });
  }

  /** Spikes recorded since the last reset. */
  get count(): number {
    return this.stepList.length;
  }

  get steps(): Uint32Array {
    return this.stepList.copy();
  }

  /** Position in `watched` of each spike's group. */
  get groups(): Uint16Array {
    return this.groupList.copy();
  }

  get rows(): Uint32Array {
    return this.rowList.copy();
  }

  get indices(): Uint32Array {
    return this.indexList.copy();
  }

  /** Spike times in ms: step * dt. */
  times(): Float64Array {
    const steps = this.stepList.copy();
    const times = new Float64Array(steps.length);
    for (let q = 0; q < steps.length; q++) times[q] = steps[q]! * this.dt;
    return times;
  }

  /** The spikes of one watched group. */
  ofGroup(group: NetworkGroup): GroupSpikes {
    const k = this.watched.indexOf(group);
    if (k < 0) {
      throw new NetworkError(
        `spike monitor does not watch "${group?.name}"; it watches ${this.watched.map((g) => `"${g.name}"`).join(', ')}`,
      );
    }
    const groups = this.groupList.copy();
    const [steps, rows, indices] = [this.stepList.copy(), this.rowList.copy(), this.indexList.copy()];
    let count = 0;
    for (let q = 0; q < groups.length; q++) if (groups[q] === k) count++;
    const out = {
      steps: new Uint32Array(count),
      rows: new Uint32Array(count),
      indices: new Uint32Array(count),
    };
    for (let q = 0, r = 0; q < groups.length; q++) {
      if (groups[q] !== k) continue;
      out.steps[r] = steps[q]!;
      out.rows[r] = rows[q]!;
      out.indices[r++] = indices[q]!;
    }
    return out;
  }
}
