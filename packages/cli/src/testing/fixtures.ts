import { readdirSync, readFileSync } from 'node:fs';
import type { ModelSpec } from '@synapticflow/core';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { SCENARIO_SCHEMA_PATH, TRACE_SCHEMA_PATH } from '../schemas.js';

/** Test helpers: the copied reference traces and validators for the checked-in schemas. */

const REFERENCE_DIR = new URL('../../fixtures/reference/', import.meta.url);

export const REFERENCE_FILES: readonly string[] = readdirSync(REFERENCE_DIR)
  .filter((name) => name.endsWith('.json'))
  .sort();

export interface ReferenceTrace {
  scenario: unknown;
  reference: string;
  spikes: [number, number, number][];
  vStride: number;
  v: (number | string)[][][];
  traces?: (number | string)[][][];
}

export function readReference(name: string): ReferenceTrace {
  return JSON.parse(readFileSync(new URL(name, REFERENCE_DIR), 'utf8'));
}

export interface SchemaValidators {
  scenario: ValidateFunction;
  trace: ValidateFunction;
}

export function schemaValidators(): SchemaValidators {
  // strictRequired would reject oneOf branches that only say which fields are required.
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
  const scenario = JSON.parse(readFileSync(SCENARIO_SCHEMA_PATH, 'utf8'));
  const trace = JSON.parse(readFileSync(TRACE_SCHEMA_PATH, 'utf8'));
  ajv.addSchema(scenario);
  ajv.addSchema(trace);
  return { scenario: ajv.getSchema(scenario.$id)!, trace: ajv.getSchema(trace.$id)! };
}

/** A small LIF written inline, as a scenario's "model" or a --model file, with a named sub-expression. */
export const INLINE_LIF: ModelSpec = {
  name: 'tiny-lif',
  parameters: {
    tau: { default: 10, constraint: 'positive' },
    R: { default: 20 },
    restPot: { default: -62 },
    resetPot: { default: -62 },
    threshold: { default: -52 },
  },
  state: { v: { initial: 'restPot' } },
  definitions: { drive: 'R*I + restPot - v' },
  equations: { v: 'drive / tau' },
  threshold: 'v >= threshold',
  reset: { v: 'resetPot' },
};
