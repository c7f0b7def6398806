import type { Dtype, RefractoryMode } from '@synapticflow/core';

/** A parameter as a scenario gives it: one number, one per neuron, or null where the model allows it. */
export type ScenarioParameter = number | number[] | null;

/** `{ linspace: [from, to] }`: one constant per neuron, evenly spaced from..to inclusive (our extension). */
export interface Linspace {
  linspace: [number, number];
}

export type ScenarioInput =
  /** A number for all, [n] per neuron (broadcast over the batch), [batch][n], or a linspace over the neurons. */
  | { constant: number | number[] | number[][] | Linspace }
  /** One [batch][n] block per step: [steps][batch][n]. */
  | { steps: number[][][] };

export type RecordedVariable = 'v' | 'traces';
export const RECORDABLE: readonly RecordedVariable[] = ['v', 'traces'];

/**
 * A validated scenario file, still in its JSON shape (so a trace can carry it verbatim).
 * Absent optional fields mean the core's defaults.
 */
export interface Scenario {
  /** A built-in model name; an inline model object may be added later. */
  model: string;
  n: number;
  batchSize?: number;
  dt?: number;
  steps: number;
  dtype?: Dtype;
  refractory?: RefractoryMode;
  sumInput?: boolean;
  params?: Record<string, ScenarioParameter>;
  traces?: {
    enabled?: boolean;
    additive?: boolean;
    traceTau?: number | number[];
    traceScale?: number | number[];
  };
  input?: ScenarioInput;
  record?: { vars?: RecordedVariable[]; vStride?: number };
}
