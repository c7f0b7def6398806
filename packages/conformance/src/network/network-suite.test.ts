import { interpreterBackend } from '@synapticflow/core/reference';
import { describe, test } from 'vitest';
import { describeBrian2NetworkAgreement } from './brian2-agreement.js';
import { describeNetworkConformance } from './network-suite.js';

// The reference backend against the hand-computed values and Brian2's feed-forward run (CUBA's 40 million
// neuron updates are too many for an interpreter; the js and wasm backends run it).
for (const dtype of ['float64', 'float32'] as const) {
  const target = { label: `reference ${dtype}`, createBackend: () => interpreterBackend(), dtype };
  describeNetworkConformance({ describe, test }, target);
  describeBrian2NetworkAgreement({ describe, test }, target, { scenarios: ['feedforward'] });
}
