import type { SpikeSink } from '../kernel/contract.js';
import type { NetworkGroup } from './groups.js';
import { GrowableArray } from './growable.js';
import { attachRecorder } from './recorder.js';

/** A group's spike count of every step (all batch rows together) and its population rate in Hz. */
export class RateMonitor {
  private readonly countList = new GrowableArray((n) => new Uint32Array(n));

  constructor(
    readonly group: NetworkGroup,
    private readonly dt: number,
    private readonly batchSize: number,
  ) {
    let firstStep = 0;
    let counts = new Uint32Array(0);
    const sink: SpikeSink = {
      groups: [group.index],
      accept: (step, _group, _indices, count) => {
        counts[step - firstStep]! += count;
      },
    };
    attachRecorder(this, {
      begin: (first, steps) => {
        firstStep = first;
        counts = new Uint32Array(steps);
        return { sinks: [sink], probes: [] };
      },
      end: (stepsDone) => {
        this.countList.append(counts.subarray(0, stepsDone));
        counts = new Uint32Array(0);
      },
      clear: () => this.countList.clear(),
    });
  }

  /** Spikes of each step since the last reset, summed over neurons and batch rows. */
  get counts(): Uint32Array {
    return this.countList.copy();
  }

  /** Rate of each step in Hz: count / (n * batchSize) / (dt / 1000), the mean over neurons and rows. */
  get rates(): Float64Array {
    const counts = this.countList.copy();
    const scale = 1000 / (this.dt * this.group.n * this.batchSize);
    const rates = new Float64Array(counts.length);
    for (let k = 0; k < counts.length; k++) rates[k] = counts[k]! * scale;
    return rates;
  }
}
