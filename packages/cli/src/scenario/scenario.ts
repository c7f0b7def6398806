import type { Dtype, ModelSpec, RefractoryMode } from '@synapticflow/core';

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

/**
 * A state variable to record every `vStride` steps: `"v"`, `"traces"` or any other state of the model
 * (e.g. `"w"` for AdEx), also `"refractory"` and `"summedInput"` where the population keeps them.
 */
export type RecordedVariable = string;

/** The integration schemes a scenario can pick (core's `INTEGRATORS`). */
export type IntegratorName = 'euler' | 'rk2' | 'rk4' | 'exponential-euler';

export const INTEGRATOR_NAMES: readonly IntegratorName[] = ['euler', 'rk2', 'rk4', 'exponential-euler'];

/**
 * A validated scenario file, still in its JSON shape (so a trace can carry it verbatim).
 * Absent optional fields mean the core's defaults.
 */
export interface Scenario {
  /** A model library name (`"elif"`, `"adex"`, ...; core's `MODEL_LIBRARY`) or an inline model spec. */
  model: string | ModelSpec;
  n: number;
  batchSize?: number;
  dt?: number;
  steps: number;
  dtype?: Dtype;
  /** Integration scheme (default "euler"). */
  integrator?: IntegratorName;
  refractory?: RefractoryMode;
  sumInput?: boolean;
  params?: Record<string, ScenarioParameter>;
  /** Initial state by name: one value for all, n values (one per neuron) or batchSize*n (row-major). */
  init?: Record<string, number | number[]>;
  traces?: {
    enabled?: boolean;
    additive?: boolean;
    traceTau?: number | number[];
    traceScale?: number | number[];
  };
  input?: ScenarioInput;
  record?: { vars?: RecordedVariable[]; vStride?: number };
}
