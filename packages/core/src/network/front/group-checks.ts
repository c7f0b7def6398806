import type { Dtype } from '../../backend.js';
import { InputError, NetworkError } from '../../errors.js';
import { closestName, shownName } from '../../model/closest-name.js';
import { finiteIn } from '../../population/input.js';
import { StateError } from '../../population/population.js';
import type { ProgramState } from '../../program/program.js';
import type { Network } from '../network.js';
import { type NetworkGroup, NetworkPopulation, SpikeSource } from './groups.js';

/** Checks that `group` is a group `network` made. */
export function checkGroupOf(network: Network, group: NetworkGroup, method: string): NetworkGroup {
  if (!(group instanceof NetworkPopulation) && !(group instanceof SpikeSource)) {
    throw new NetworkError(
      `${method}: expected a group made by this network (network.population(), spikeSource() or ` +
        `poissonSource()), got ${describe(group)}`,
    );
  }
  if (group.network !== network) {
    throw new NetworkError(
      `${method}: group "${group.name}" belongs to another network; connect and monitor groups within the ` +
        'network that made them',
    );
  }
  return group;
}

/** Checks that `population` is a population (not a spike source) `network` made. */
export function checkPopulationOf(
  network: Network,
  population: NetworkPopulation,
  method: string,
): NetworkPopulation {
  const group = checkGroupOf(network, population, method);
  if (!(group instanceof NetworkPopulation)) {
    throw new NetworkError(
      `${method}: "${group.name}" is a spike source, which has no state; record its spikes with spikeMonitor ` +
        'or rateMonitor',
    );
  }
  return group;
}

export function checkStateName(group: NetworkPopulation, name: string, method: string): void {
  if (typeof name === 'string' && group.stateNames.includes(name)) return;
  const guess = typeof name === 'string' ? closestName(name, group.stateNames) : undefined;
  const didYouMean = guess === undefined ? '' : ` (did you mean "${guess}"?)`;
  const shown = typeof name === 'string' ? shownName(name) : String(name);
  throw new NetworkError(
    `${method}: population "${group.name}" has no state "${shown}"${didYouMean}; its state: ${group.stateNames.join(', ')}`,
  );
}

/** Checks values for `setState`: batchSize*n of them, finite in the dtype (0 or 1 for boolean state). */
export function checkStateValues(
  group: NetworkPopulation,
  variable: ProgramState,
  values: ArrayLike<number>,
  batchSize: number,
  dtype: Dtype,
): void {
  const { name } = variable;
  const size = batchSize * group.n;
  const where = `state "${name}" of population "${group.name}"`;
  if (values === null || typeof values !== 'object' || typeof values.length !== 'number') {
    throw new InputError(`${where} needs an array of batchSize*n = ${size} values, got ${typeof values}`, {
      field: 'state',
      name,
    });
  }
  if (values.length !== size) {
    throw new InputError(`${where} needs batchSize*n = ${size} values, got ${values.length}`, {
      field: 'state',
      name,
    });
  }
  const boolean = variable.type === 'boolean';
  for (let i = 0; i < size; i++) {
    const value = values[i]!;
    if (!(boolean ? value === 0 || value === 1 : finiteIn(dtype, value))) {
      throw new InputError(
        `${where}[${i}] is ${value}; expected ${boolean ? '0 or 1' : `a finite number in ${dtype}`}`,
        { field: 'state', name, index: i },
      );
    }
  }
}

/** The StateError for NaN or ±Infinity found in a population's state after a run. */
export function nonFiniteStateError(
  group: NetworkGroup,
  bad: { state: string; index: number },
  value: number,
  firstStep: number,
  lastStep: number,
): StateError {
  const what = Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
  const row = Math.floor(bad.index / group.n);
  return new StateError(
    `state "${bad.state}" of population "${group.name}" became ${what} (batch row ${row}, neuron ` +
      `${bad.index % group.n}) between steps ${firstStep} and ${lastStep}; check the model and the synaptic ` +
      'weights for operations without a finite result (e.g. weights so large that the state overflows the dtype)',
  );
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object') return (value as object).constructor?.name ?? 'an object';
  return typeof value;
}
