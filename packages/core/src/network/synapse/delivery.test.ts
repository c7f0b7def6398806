import { describe, expect, test } from 'vitest';
import type { FloatArray, StateArray } from '../../backend.js';
import { interpretDelivery } from '../../reference/interpreter-delivery.js';
import { pairs, projection } from '../../testing/network-plans.js';
import { compileJsDelivery } from '../delivery/compile-js-delivery.js';
import type { DeliveryRequest } from '../kernel/contract.js';
import { compileSynapse } from './compile.js';
import type { SynapseTarget } from './spec.js';

const TARGET: SynapseTarget = {
  model: 'cuba',
  state: [
    { name: 'v', type: 'number' },
    { name: 'ge', type: 'number' },
    { name: 's', type: 'boolean' },
  ],
  parameters: ['tau'],
};

// Synapse 0: 0 -> 0, synapse 1: 0 -> 2, synapse 2: 1 -> 2.
const CONNECTIVITY = pairs(2, 3, [
  [0, 0],
  [0, 2],
  [1, 2],
]);

const PROGRAM = compileSynapse(
  { name: 'exc', variables: { w: {}, u: {} }, onPre: 'ge_post += w; v -= 0.5 * w * u\nu *= 0.5' },
  TARGET,
);

function request(): DeliveryRequest {
  return {
    projection: projection(0, 1, CONNECTIVITY, PROGRAM, { w: [1, 2, 4], u: 1 }),
    dtype: 'float64',
    targetN: 3,
    targetState: new Map<string, StateArray>([
      ['v', Float64Array.of(1, 2, 3)],
      ['ge', Float64Array.of(0, 0, 0)],
    ]),
    synapseState: new Map<string, FloatArray>([
      ['w', Float64Array.of(1, 2, 4)],
      ['u', Float64Array.of(1, 1, 1)],
    ]),
  };
}

describe("compiled synapse programs run in core's deliveries", () => {
  test.each([
    ['the JavaScript delivery', compileJsDelivery],
    ['the interpreted delivery', interpretDelivery],
  ])("%s applies each event's statements in order", (_, compile) => {
    const r = request();
    // Synapse 0 once, synapse 2 twice: the second event sees u halved by the first.
    compile(r)(Uint32Array.of(0, 2, 2), 0, 3, 0, 0);
    expect([...r.targetState.get('ge')!]).toEqual([1, 0, 8]);
    expect([...r.targetState.get('v')!]).toEqual([0.5, 2, 3 - 2 - 1]);
    expect([...r.synapseState.get('u')!]).toEqual([0.5, 1, 0.25]);
    expect([...r.synapseState.get('w')!]).toEqual([1, 2, 4]);
  });
});
