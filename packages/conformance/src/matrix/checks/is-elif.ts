import { ELIF_MODEL, type ModelSpec } from '@synapticflow/core';

/** Checks built on ELIF's own results (reference traces, rheobase, firing period) apply to ELIF's equations only. */
export function isElif(model: ModelSpec): boolean {
  return (
    model.name === ELIF_MODEL.name &&
    JSON.stringify(model.equations) === JSON.stringify(ELIF_MODEL.equations) &&
    model.threshold === ELIF_MODEL.threshold
  );
}
