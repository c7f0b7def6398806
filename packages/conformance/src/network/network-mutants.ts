import type { Backend } from '@synapticflow/core';
import type { NetworkPlan } from '@synapticflow/core/backend';

/** Faults a network backend could have, each made by changing the plan it is given. */
export const NETWORK_FAULTS = {
  'late-delivery': 'every synaptic event lands one step after its delay',
  'reversed-projections': 'projections deliver in reverse creation order',
} as const;

/** The name of a network fault. */
export type NetworkFault = keyof typeof NETWORK_FAULTS;

/** `backend` with one network fault: the suite must report it. */
export function faultyNetworkBackend(backend: Backend, fault: NetworkFault): Backend {
  const create = backend.createNetworkKernel;
  if (!create) throw new Error(`backend "${backend.name}" does not run networks`);
  return {
    ...backend,
    name: `${backend.name} (${fault})`,
    createNetworkKernel: (plan: NetworkPlan) => create.call(backend, withFault(plan, fault)),
  };
}

function withFault(plan: NetworkPlan, fault: NetworkFault): NetworkPlan {
  switch (fault) {
    case 'late-delivery':
      return {
        ...plan,
        projections: plan.projections.map((p) => ({
          ...p,
          delaySteps: typeof p.delaySteps === 'number' ? p.delaySteps + 1 : p.delaySteps.map((d) => d + 1),
        })),
      };
    case 'reversed-projections':
      return { ...plan, projections: [...plan.projections].reverse() };
  }
}
