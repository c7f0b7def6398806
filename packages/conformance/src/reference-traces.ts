import type { Dtype, ELIFPopulationOptions, RefractoryMode } from '@synapticflow/core';

/** The reference traces shipped in fixtures/reference (see the README there for provenance). */

export interface ReferenceScenario {
  model: 'elif';
  n: number;
  batchSize: number;
  dt: number;
  steps: number;
  refractory: 'steps' | 'seed';
  dtype: 'float32' | 'float64';
  params: Record<string, number | null>;
  traces: { enabled: boolean; additive: boolean; traceTau: number; traceScale: number };
  input: { constant: number[] | number[][] };
  record: { vars: string[]; vStride: number };
}

type JsonNumber = number | 'NaN' | 'Infinity' | '-Infinity';

/** A reference trace as its fixture file holds it: the scenario, spikes, v and traces, and the reference's metadata. */
export interface ReferenceTrace {
  scenario: ReferenceScenario;
  reference: string;
  spikes: [number, number, number][];
  vStride: number;
  v: JsonNumber[][][];
  traces?: JsonNumber[][][];
  meta: { refracFrozenSteps: number };
}

/** The scenarios that have reference traces. */
export const REFERENCE_SCENARIOS = [
  'elif-const-8',
  'elif-hetero',
  'elif-traces-additive',
  'elif-batch',
] as const;
/** The implementations each scenario's reference traces come from. */
export const REFERENCE_IMPLEMENTATIONS = ['seed-pytorch-float32', 'numpy-float64-steps'] as const;
/** A reference trace's name: scenario and implementation. */
export type ReferenceName =
  `${(typeof REFERENCE_SCENARIOS)[number]}.${(typeof REFERENCE_IMPLEMENTATIONS)[number]}`;

/**
 * Loads one reference trace from the package's fixtures, beside the module: in Node as a JSON module (a
 * file: URL), in a browser with fetch (a page serves the fixtures folder next to its bundle). No Node
 * built-in is involved, so the package bundles for browsers as it is.
 */
export async function loadReferenceTrace(name: ReferenceName): Promise<ReferenceTrace> {
  const url = new URL(`../fixtures/reference/${name}.json`, import.meta.url);
  if (url.protocol !== 'file:') {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`could not load reference trace ${url}: HTTP ${response.status}`);
    return (await response.json()) as ReferenceTrace;
  }
  const module = (await import(/* @vite-ignore */ url.href, { with: { type: 'json' } })) as {
    default: ReferenceTrace;
  };
  return module.default;
}

/** Reads a JSON trace number, where non-finite values are the strings "NaN", "Infinity", "-Infinity". */
export function fromJsonNumber(value: JsonNumber): number {
  return typeof value === 'number' ? value : Number(value);
}

/** The scenario's constant input, flattened to 1, n or batchSize*n values. */
export function flatInput(scenario: ReferenceScenario): number[] {
  const constant = scenario.input.constant;
  return Array.isArray(constant[0]) ? (constant as number[][]).flat() : (constant as number[]);
}

/**
 * The ELIFPopulation options that run a reference scenario (everything but the backend): its shape, step,
 * parameters and traces, in the trace's dtype and refractory mode unless `overrides` say otherwise.
 */
export function referencePopulationOptions(
  scenario: ReferenceScenario,
  overrides: { dtype?: Dtype; refractory?: RefractoryMode } = {},
): Omit<ELIFPopulationOptions, 'backend'> {
  return {
    n: scenario.n,
    batchSize: scenario.batchSize,
    dt: scenario.dt,
    dtype: overrides.dtype ?? scenario.dtype,
    refractory: overrides.refractory ?? scenario.refractory,
    params: scenario.params as Record<string, number>,
    spikeTrace: scenario.traces.enabled,
    additiveSpikeTrace: scenario.traces.additive,
    traceTau: scenario.traces.traceTau,
    traceScale: scenario.traces.traceScale,
  };
}
