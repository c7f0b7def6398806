/**
 * Summary statistics of a network's spikes, one group and one batch row at a time. Spikes come as two
 * parallel arrays, `steps` (ascending) and neuron `indices`, as a spike monitor keeps them.
 */

/** Mean firing rate in Hz: spikes / (neurons × duration). */
export function meanRate(spikeCount: number, n: number, durationMs: number): number {
  return (spikeCount * 1000) / (n * durationMs);
}

/**
 * Mean coefficient of variation (sd / mean) of the inter-spike intervals, over the neurons with at least
 * `minIntervals` intervals; NaN when none has. A Poisson train has CV 1, a regular one 0.
 */
export function meanIsiCv(
  steps: ArrayLike<number>,
  indices: ArrayLike<number>,
  n: number,
  minIntervals = 2,
): number {
  const last = new Float64Array(n).fill(-1);
  const count = new Float64Array(n);
  const sum = new Float64Array(n);
  const sumSquares = new Float64Array(n);
  for (let q = 0; q < steps.length; q++) {
    const j = indices[q]!;
    const step = steps[q]!;
    if (last[j]! >= 0) {
      const interval = step - last[j]!;
      count[j]!++;
      sum[j]! += interval;
      sumSquares[j]! += interval * interval;
    }
    last[j] = step;
  }
  let total = 0;
  let neurons = 0;
  for (let j = 0; j < n; j++) {
    const k = count[j]!;
    if (k < minIntervals) continue;
    const mean = sum[j]! / k;
    const variance = Math.max(0, sumSquares[j]! / k - mean * mean);
    total += Math.sqrt(variance) / mean;
    neurons++;
  }
  return neurons === 0 ? Number.NaN : total / neurons;
}

/**
 * Synchrony χ of Golomb (2007, "Neuronal synchrony measures", Scholarpedia 2(1):1347), on spike counts in
 * bins of `binSteps` steps instead of membrane potentials: χ² = Var_t(population mean count) / mean_i
 * Var_t(count of neuron i). χ is 1 when all neurons fire together and near 1/√n for independent neurons.
 * NaN when no neuron's count varies (e.g. no spikes).
 */
export function synchronyChi(
  steps: ArrayLike<number>,
  indices: ArrayLike<number>,
  n: number,
  totalSteps: number,
  binSteps: number,
): number {
  const bins = Math.floor(totalSteps / binSteps);
  if (bins < 2) return Number.NaN;
  const population = new Float64Array(bins);
  // Per neuron: spikes in its current bin, sum of counts and of squared counts over bins.
  const currentBin = new Int32Array(n).fill(-1);
  const inBin = new Float64Array(n);
  const counts = new Float64Array(n);
  const squares = new Float64Array(n);
  const closeBin = (j: number) => {
    squares[j]! += inBin[j]! * inBin[j]!;
    inBin[j] = 0;
  };
  for (let q = 0; q < steps.length; q++) {
    const bin = Math.floor(steps[q]! / binSteps);
    if (bin >= bins) continue;
    const j = indices[q]!;
    if (currentBin[j] !== bin) {
      closeBin(j);
      currentBin[j] = bin;
    }
    inBin[j]!++;
    counts[j]!++;
    population[bin]! += 1 / n;
  }
  let neuronVariance = 0;
  for (let j = 0; j < n; j++) {
    closeBin(j);
    const mean = counts[j]! / bins;
    neuronVariance += squares[j]! / bins - mean * mean;
  }
  neuronVariance /= n;
  const populationVariance = variance(population);
  if (!(neuronVariance > 0)) return Number.NaN;
  return Math.sqrt(Math.max(0, populationVariance) / neuronVariance);
}

function variance(values: Float64Array): number {
  let sum = 0;
  let squares = 0;
  for (const x of values) {
    sum += x;
    squares += x * x;
  }
  const mean = sum / values.length;
  return squares / values.length - mean * mean;
}

/** Synaptic events a projection delivered: each source spike reaches every synapse of its neuron. */
export function synapticEvents(indices: ArrayLike<number>, outDegree: ArrayLike<number>): number {
  let events = 0;
  for (let q = 0; q < indices.length; q++) events += outDegree[indices[q]!]!;
  return events;
}
