import { fillUniform } from '../../random/draws.js';
import type { PlanPoissonSource, PlanSpikeTrains } from '../kernel/contract.js';

/** A group that spikes on its own: writes step `step`'s flat spike indices (row*n + j, ascending). */
export interface SpikeEmitter {
  /** Room a spike list needs: the most spikes one step can hold over all batch rows. */
  readonly capacity: number;
  emit(step: number, spikes: Uint32Array): number;
}

/** Explicit trains: a cursor over the sorted (step, index) pairs; every batch row gets the same spikes. */
export class SpikeTrainEmitter implements SpikeEmitter {
  readonly capacity: number;
  private cursor = 0;
  /** The step the cursor stands at; any other step (a jump after clearEvents) seeks by binary search. */
  private cursorStep = 0;

  constructor(
    private readonly source: PlanSpikeTrains,
    private readonly batchSize: number,
  ) {
    const { steps } = source;
    let most = 0;
    for (let q = 0; q < steps.length; ) {
      let end = q + 1;
      while (end < steps.length && steps[end] === steps[q]) end++;
      most = Math.max(most, end - q);
      q = end;
    }
    this.capacity = Math.max(1, most * batchSize);
  }

  emit(step: number, spikes: Uint32Array): number {
    const { steps, indices, n } = this.source;
    if (step !== this.cursorStep) this.cursor = firstAtOrAfter(steps, step);
    const first = this.cursor;
    let end = first;
    while (end < steps.length && steps[end] === step) end++;
    let count = 0;
    for (let b = 0; b < this.batchSize; b++) {
      for (let q = first; q < end; q++) spikes[count++] = b * n + indices[q]!;
    }
    this.cursor = end;
    this.cursorStep = step + 1;
    return count;
  }
}

function firstAtOrAfter(steps: Uint32Array, step: number): number {
  let low = 0;
  let high = steps.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (steps[middle]! < step) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Poisson source: neuron j of row b spikes at step k when drawUniform(seed, stream, k, b*n + j) is below its
 * probability. The draws are a pure function of the address, so a run split in two gives the same spikes.
 */
export class PoissonEmitter implements SpikeEmitter {
  readonly capacity: number;
  private readonly draws: Float64Array;

  constructor(
    private readonly source: PlanPoissonSource,
    batchSize: number,
  ) {
    this.capacity = Math.max(1, batchSize * source.n);
    this.draws = new Float64Array(batchSize * source.n);
  }

  emit(step: number, spikes: Uint32Array): number {
    const { n, probabilities, seed, stream } = this.source;
    const draws = this.draws;
    fillUniform(draws, seed, stream, step, 0);
    let count = 0;
    for (let i = 0, j = 0; i < draws.length; i++, j++) {
      if (j === n) j = 0;
      if (draws[i]! < probabilities[j]!) spikes[count++] = i;
    }
    return count;
  }
}
