import { interpreterBackend } from '@synapticflow/core/reference';
import { describe, expect, test } from 'vitest';
import { compareFeedforward } from './brian2-agreement.js';
import { loadFeedforwardReference } from './brian2-references.js';
import { createNetwork, runNetwork } from './network-api.js';
import { NETWORK_CASES } from './network-cases.js';
import { FEEDFORWARD_NEURON } from './network-models.js';
import { faultyNetworkBackend, NETWORK_FAULTS, type NetworkFault } from './network-mutants.js';
import { runNetworkCase } from './network-suite.js';

/** Each fault, with the network cases that must fail on it. */
const CAUGHT_BY: Record<NetworkFault, string[]> = {
  'late-delivery': ['network.schedule-order', 'network.delays', 'network.delivery-order'],
  'reversed-projections': ['network.delivery-order'],
};

describe('the network suite fails deliberately broken backends', () => {
  for (const [fault, ids] of Object.entries(CAUGHT_BY) as [NetworkFault, string[]][]) {
    for (const id of ids) {
      test(`${NETWORK_FAULTS[fault]}: ${id} fails`, async () => {
        const target = {
          label: fault,
          createBackend: () => faultyNetworkBackend(interpreterBackend(), fault),
          dtype: 'float64' as const,
        };
        const testCase = NETWORK_CASES.find((c) => c.id === id)!;
        await expect(runNetworkCase(testCase, target)).rejects.toThrow(/by hand/);
      });
    }
  }

  test('late delivery moves feed-forward spikes away from Brian2', async () => {
    const ref = await loadFeedforwardReference();
    const target = {
      label: 'late',
      createBackend: () => faultyNetworkBackend(interpreterBackend(), 'late-delivery'),
      dtype: 'float64' as const,
    };
    const network = createNetwork(target, { dt: ref.dt });
    const sources = network.spikeSource({ n: ref.sources.n, spikes: ref.sources.spikes });
    const { refractory, ...params } = ref.neuron.params;
    const group = network.population(FEEDFORWARD_NEURON, {
      n: ref.neuron.n,
      params: { ...params, refracLength: refractory },
      init: { v: ref.neuron.v0 },
      input: ref.neuron.I,
    });
    network.connect(sources, group, {
      synapse: { variables: { w: {} }, onPre: 'ge += w' },
      connector: { kind: 'explicit', i: ref.synapses.i, j: ref.synapses.j },
      w: ref.synapses.w,
      delay: ref.synapses.delayMs,
    });
    const spikes = network.spikeMonitor(group);
    const state = network.stateMonitor(group, ['v', 'ge']);
    await runNetwork(network, { steps: ref.steps });
    const { problems } = compareFeedforward(
      ref,
      { steps: spikes.steps, indices: spikes.indices },
      state.values('v'),
      state.values('ge'),
      'float64',
    );
    network.dispose();
    expect(problems.length).toBeGreaterThan(0);
  });
});
