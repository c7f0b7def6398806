import { ELIF_MODEL, LIF_MODEL } from '@synapticflow/core';

/** Parameter values by name; missing ones take the model's defaults. */
export type ParameterValues = Readonly<Record<string, number | null | undefined>>;

/**
 * The analytic rheobase current of the library models that have one — the least constant input at which a
 * neuron fires — or undefined for other models. ELIF: `(thetaRh - restPot - deltaT) / R`, where the
 * exponential term first outgrows the leak (Fourcaud-Trocmé, Hansel, van Vreeswijk & Brunel, J. Neurosci.
 * 23 (2003) 11628; docs/models/elif.md). LIF: `(threshold - restPot) / R`, where the fixed point reaches the
 * threshold.
 */
export function analyticRheobase(model: string, params: ParameterValues = {}): number | undefined {
  if (model === ELIF_MODEL.name) {
    const p = withDefaults(ELIF_MODEL.parameters, params);
    return (p.thetaRh! - p.restPot! - p.deltaT!) / p.R!;
  }
  if (model === LIF_MODEL.name) {
    const p = withDefaults(LIF_MODEL.parameters, params);
    return (p.threshold! - p.restPot!) / p.R!;
  }
  return undefined;
}

function withDefaults(
  parameters: Readonly<Record<string, { default: number | null }>>,
  values: ParameterValues,
): Record<string, number> {
  const merged: Record<string, number> = {};
  for (const [name, spec] of Object.entries(parameters)) {
    const value = values[name] ?? spec.default;
    if (typeof value === 'number') merged[name] = value;
  }
  return merged;
}
