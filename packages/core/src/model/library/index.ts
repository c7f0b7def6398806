import type { ModelSpec } from '../spec.js';
import { ADAPTIVE_LIF_MODEL } from './adaptive-lif.js';
import { ADEX_MODEL } from './adex.js';
import { CUBA_LIF_MODEL } from './cuba-lif.js';
import { ELIF_MODEL } from './elif.js';
import { IF_MODEL } from './if.js';
import { IZHIKEVICH_MODEL } from './izhikevich.js';
import { LIF_MODEL } from './lif.js';
import { LIF_EXP_SYNAPSE_MODEL } from './lif-exp-synapse.js';
import { QIF_MODEL } from './qif.js';

export { IZHIKEVICH_PRESETS } from './izhikevich.js';
export {
  ADAPTIVE_LIF_MODEL,
  ADEX_MODEL,
  CUBA_LIF_MODEL,
  ELIF_MODEL,
  IF_MODEL,
  IZHIKEVICH_MODEL,
  LIF_EXP_SYNAPSE_MODEL,
  LIF_MODEL,
  QIF_MODEL,
};

/** The built-in models by name, as scenario files and the CLI refer to them. */
export const MODEL_LIBRARY: Readonly<Record<string, ModelSpec>> = Object.fromEntries(
  [
    IF_MODEL,
    LIF_MODEL,
    QIF_MODEL,
    ELIF_MODEL,
    ADEX_MODEL,
    ADAPTIVE_LIF_MODEL,
    IZHIKEVICH_MODEL,
    LIF_EXP_SYNAPSE_MODEL,
    CUBA_LIF_MODEL,
  ].map((model) => [model.name, model]),
);
