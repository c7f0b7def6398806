import { toJsonNumber } from '../trace/json-numbers.js';
import type { NetworkSimulation } from './network-simulation.js';

/** Numbers per piece of text, so large traces are written in pieces. */
const NUMBERS_PER_PIECE = 16384;

/**
 * A network's trace file in pieces: the scenario as run, then per traced group its spikes as parallel
 * arrays of steps and neuron indices (and batch rows where there are several), then each state monitor's
 * recorded steps and values (one array per recorded step: indices × batch rows).
 */
export function* networkTraceText(simulation: NetworkSimulation): Generator<string> {
  const json = JSON.stringify;
  const { dtype, batchSize } = simulation;
  yield `{"scenario":${json(simulation.scenario)},"backend":${json(simulation.backend)},"dtype":${json(dtype)}`;
  yield `,"dt":${simulation.dt},"steps":${simulation.steps},"spikes":{`;
  const traced = simulation.groups.filter((g) => simulation.tracedGroups.includes(g.name));
  for (const [k, group] of traced.entries()) {
    yield `${k > 0 ? ',' : ''}${json(group.name)}:{"n":${group.n},"steps":`;
    yield* numbers(group.spikes.steps);
    yield ',"indices":';
    yield* numbers(group.spikes.indices);
    if (batchSize > 1) {
      yield ',"rows":';
      yield* numbers(group.spikes.rows);
    }
    yield '}';
  }
  yield '}';
  if (simulation.states.length > 0) {
    yield ',"state":[';
    for (const [k, state] of simulation.states.entries()) {
      yield `${k > 0 ? ',' : ''}{"population":${json(state.population)},"indices":${json(state.indices)},"stride":${state.stride},"steps":`;
      yield* numbers(state.steps);
      for (const name of state.vars) {
        yield `,${json(name)}:[`;
        const values = state.values[name]!;
        const width = state.indices.length * batchSize;
        for (let row = 0; row * width < values.length; row++) {
          const cells = Array.from(values.subarray(row * width, (row + 1) * width), (x) =>
            json(toJsonNumber(x, dtype)),
          );
          yield `${row > 0 ? ',' : ''}[${cells.join(',')}]`;
        }
        yield ']';
      }
      yield '}';
    }
    yield ']';
  }
  yield '}\n';
}

function* numbers(values: ArrayLike<number>): Generator<string> {
  yield '[';
  for (let first = 0; first < values.length; first += NUMBERS_PER_PIECE) {
    const end = Math.min(values.length, first + NUMBERS_PER_PIECE);
    yield (first > 0 ? ',' : '') + Array.prototype.slice.call(values, first, end).join(',');
  }
  yield ']';
}
