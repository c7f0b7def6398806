import type { Dtype } from '@synapticflow/core';
import type { NetworkScenario } from '../scenario/schema.js';

/** Spikes of one group: parallel arrays, by step, then index. */
export interface GroupSpikes {
  steps: Uint32Array;
  rows: Uint32Array;
  indices: Uint32Array;
}

/** One group of a network run (a population or a spike source) and its spikes. */
export interface GroupResult {
  name: string;
  kind: 'population' | 'spikes' | 'poisson';
  n: number;
  spikes: GroupSpikes;
}

/** One projection of a network run: its size and the synaptic events it delivered. */
export interface ProjectionResult {
  source: string;
  target: string;
  synapses: number;
  bytes: number;
  /** Synaptic events delivered: the out-degrees of the source's spikes, summed. */
  events: number;
}

/** What one state monitor of a network run recorded. */
export interface StateResult {
  population: string;
  vars: readonly string[];
  indices: readonly number[];
  stride: number;
  steps: Uint32Array;
  /** Per variable: rows of recorded steps × indices (× batch rows). */
  values: Record<string, Float64Array>;
}

/** What a network run produced, with what a summary or a trace needs. */
export interface NetworkSimulation {
  scenario: NetworkScenario;
  backend: string;
  /** What ran: the network kernel's description. */
  description: string;
  dt: number;
  dtype: Dtype;
  batchSize: number;
  steps: number;
  groups: GroupResult[];
  projections: ProjectionResult[];
  states: StateResult[];
  /** Spike groups the trace keeps (the scenario's `monitors.spikes`, or all). */
  tracedGroups: readonly string[];
  wallSeconds: number;
}
