/** The Brian2 network references in fixtures/networks (provenance and method: the README there). */

/** Where a reference file came from: generator, command, date and versions. */
export interface Provenance {
  generator: string;
  command: string;
  date: string;
  brian2: string;
  numpy: string;
  dtype: string;
}

/** Brian2's feed-forward run: inputs, synapses, every spike, and v and ge after every step. */
export interface FeedforwardReference {
  scenario: 'feedforward';
  provenance: Provenance;
  dt: number;
  steps: number;
  neuron: {
    n: number;
    params: { tau: number; tauE: number; El: number; Vt: number; Vr: number; refractory: number };
    /** Constant drive per neuron, mV. */
    I: number[];
    v0: number[];
    refractoryFrozenSteps: number;
  };
  /** [step, source index], sorted by step, then index. */
  sources: { n: number; spikes: [number, number][] };
  synapses: { i: number[]; j: number[]; w: number[]; delayMs: number[]; delaySteps: number[] };
  /** [step, neuron], sorted by step, then neuron. */
  spikes: [number, number][];
  /** Row k: every neuron's value after step k. */
  v: number[][];
  ge: number[][];
  /** v as the threshold saw it at each spike of `spikes` (before the reset). */
  vAtSpike: number[];
  float32Run: { spikesIdentical: boolean; maxVDifference: number | null };
}

/** One population's rate (Hz), mean CV of ISIs and Fano factor, as `populationStatistics` computes them. */
export interface CubaStatistics {
  rate: number;
  cv: number | null;
  fano: number | null;
  spikes: number;
}

/** A Brian2 rerun of CUBA: the first step its spikes part from the reference's, and its statistics. */
export interface CubaRun {
  firstDivergentStep: number | null;
  statistics: { exc: CubaStatistics; inh: CubaStatistics };
}

/** Brian2's CUBA run: connectivity, initial v, every spike, statistics, perturbed and float32 reruns. */
export interface CubaReference {
  scenario: 'cuba';
  provenance: Provenance;
  dt: number;
  steps: number;
  n: number;
  nExc: number;
  params: {
    taum: number;
    taue: number;
    taui: number;
    Vt: number;
    Vr: number;
    El: number;
    refractory: number;
    we: number;
    wi: number;
  };
  /** Per projection: source s (from firstSource on) has counts[s - firstSource] targets, listed in `j`. */
  connectivity: Record<'exc' | 'inh', { firstSource: number; counts: number[]; j: number[] }>;
  v0: number[];
  spikes: { steps: number[]; indices: number[] };
  statistics: { exc: CubaStatistics; inh: CubaStatistics };
  fanoBinSteps: number;
  statisticsFromStep: number;
  perturbed: (CubaRun & { perturbation: string; sizeMv: number })[];
  float32Run: CubaRun;
}

/** A projection's synapses as (i, j) pairs, sorted by source, then target. */
export function cubaPairs(reference: CubaReference, projection: 'exc' | 'inh'): { i: number[]; j: number[] } {
  const { firstSource, counts, j } = reference.connectivity[projection];
  const i: number[] = [];
  counts.forEach((count, s) => {
    for (let k = 0; k < count; k++) i.push(firstSource + s);
  });
  return { i, j: [...j] };
}

/** Loads fixtures/networks/feedforward.brian2.json.gz. */
export function loadFeedforwardReference(): Promise<FeedforwardReference> {
  return loadGzipJson<FeedforwardReference>('feedforward.brian2.json.gz');
}

/** Loads fixtures/networks/cuba.brian2.json.gz. */
export function loadCubaReference(): Promise<CubaReference> {
  return loadGzipJson<CubaReference>('cuba.brian2.json.gz');
}

/**
 * Reads a gzip'd JSON fixture beside the module: in Node from the file system, in a browser with fetch (a page
 * serves the fixtures folder next to its bundle). The Node modules are named through a variable so that
 * bundlers for browsers leave them alone.
 */
async function loadGzipJson<T>(name: string): Promise<T> {
  const url = new URL(`../../fixtures/networks/${name}`, import.meta.url);
  let bytes: Uint8Array;
  if (url.protocol === 'file:') {
    const fsModule = 'node:fs/promises';
    const { readFile } = (await import(/* @vite-ignore */ fsModule)) as typeof import('node:fs/promises');
    bytes = await readFile(url);
  } else {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`could not load network reference ${url}: HTTP ${response.status}`);
    bytes = new Uint8Array(await response.arrayBuffer());
  }
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return JSON.parse(await new Response(stream).text()) as T;
}
