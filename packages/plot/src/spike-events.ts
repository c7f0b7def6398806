import { PlotDataError } from './errors.js';

/**
 * Spikes as a sparse list in columns, one entry per spike: when (`times` in ms, or `steps` with `dt`), which
 * neuron (`indices`, within its group) and, for networks, which group (`groups`, an index into `groupNames`).
 * A network's spike monitor (`steps`, `indices`, `groups`) fits as it is.
 */
export interface SpikeEvents {
  /** Spike times in ms; give these or `steps`. */
  times?: ArrayLike<number>;
  /** Spike steps; turned into times with `dt`. */
  steps?: ArrayLike<number>;
  /** Step length in ms, needed with `steps`. */
  dt?: number;
  /** Neuron index of each spike within its group. */
  indices: ArrayLike<number>;
  /** Group index of each spike (0 when absent: one group). */
  groups?: ArrayLike<number>;
  /** Name of each group, by group index (default "group 0", "group 1", …). */
  groupNames?: readonly string[];
  /** Neurons per group, by group index; the raster's rows (default: the largest index seen, plus one). */
  groupSizes?: readonly number[];
}

/** Spike events with every column filled in and checked. */
export interface ResolvedSpikes {
  times: Float64Array;
  indices: Uint32Array;
  groups: Uint32Array;
  groupNames: string[];
  groupSizes: number[];
}

/** Fills in and checks spike events: equal column lengths, finite times, non-negative integer indices. */
export function resolveSpikes(events: SpikeEvents): ResolvedSpikes {
  const count = events.indices.length;
  const times = spikeTimes(events, count);
  const indices = integerColumn(events.indices, 'indices');
  const groups =
    events.groups === undefined ? new Uint32Array(count) : integerColumn(events.groups, 'groups');
  if (groups.length !== count) {
    throw new PlotDataError(`spike events: ${count} indices but ${groups.length} groups; give one per spike`);
  }
  let groupCount = events.groupNames?.length ?? events.groupSizes?.length ?? 0;
  for (const group of groups) groupCount = Math.max(groupCount, group + 1);
  const seen = new Array<number>(Math.max(groupCount, 1)).fill(0);
  for (let k = 0; k < count; k++) seen[groups[k]!] = Math.max(seen[groups[k]!]!, indices[k]! + 1);
  const groupSizes = seen.map((size, g) => events.groupSizes?.[g] ?? size);
  for (const [g, size] of groupSizes.entries()) {
    if (size < seen[g]!) {
      throw new PlotDataError(
        `spike events: group ${g} has groupSizes ${size} but a spike of neuron ${seen[g]! - 1}; give the group's full size`,
      );
    }
  }
  const groupNames = groupSizes.map((_, g) => events.groupNames?.[g] ?? `group ${g}`);
  return { times, indices, groups, groupNames, groupSizes };
}

/**
 * Spike events from a run's spike flags (`RunResult.spikes` of a population: steps x batchSize x n, 1 where a
 * neuron spiked). Each batch row becomes a group named "row b" when there is more than one.
 */
export function spikesFromFlags(
  flags: ArrayLike<number>,
  shape: { n: number; batchSize?: number; dt: number; firstStep?: number },
): SpikeEvents {
  const batchSize = shape.batchSize ?? 1;
  const size = shape.n * batchSize;
  if (flags.length % size !== 0) {
    throw new PlotDataError(
      `spike flags: ${flags.length} values is not a whole number of steps of ${batchSize} x ${shape.n} neurons`,
    );
  }
  const steps: number[] = [];
  const indices: number[] = [];
  const groups: number[] = [];
  for (let k = 0; k < flags.length; k++) {
    if (flags[k] === 0) continue;
    const element = k % size;
    steps.push((shape.firstStep ?? 0) + (k - element) / size);
    groups.push(Math.floor(element / shape.n));
    indices.push(element % shape.n);
  }
  const rows = Array.from({ length: batchSize }, (_, b) => b);
  return {
    steps,
    dt: shape.dt,
    indices,
    groups,
    groupNames: batchSize === 1 ? ['neurons'] : rows.map((b) => `row ${b}`),
    groupSizes: rows.map(() => shape.n),
  };
}

function spikeTimes(events: SpikeEvents, count: number): Float64Array {
  let times: Float64Array;
  if (events.times !== undefined) {
    times = Float64Array.from(events.times);
  } else if (events.steps !== undefined) {
    const { dt } = events;
    if (dt === undefined || !(dt > 0) || !Number.isFinite(dt)) {
      throw new PlotDataError(`spike events: steps need a positive, finite dt (ms per step), got ${dt}`);
    }
    times = Float64Array.from(events.steps, (step) => step * dt);
  } else {
    throw new PlotDataError('spike events: give times (ms) or steps with dt');
  }
  if (times.length !== count) {
    throw new PlotDataError(`spike events: ${times.length} times but ${count} indices; give one per spike`);
  }
  const bad = times.findIndex((t) => !Number.isFinite(t));
  if (bad >= 0) throw new PlotDataError(`spike events: time of spike ${bad} is ${times[bad]}, not finite`);
  return times;
}

function integerColumn(values: ArrayLike<number>, name: string): Uint32Array {
  const column = new Uint32Array(values.length);
  for (let k = 0; k < values.length; k++) {
    const value = values[k]!;
    if (!Number.isInteger(value) || value < 0) {
      throw new PlotDataError(`spike events: ${name}[${k}] is ${value}; expected a non-negative integer`);
    }
    column[k] = value;
  }
  return column;
}

/** What `spikesFromMonitor` reads of a network's spike monitor (`Network.spikeMonitor`). */
export interface SpikeMonitorLike {
  /** The watched groups, in the order `groups` numbers them. */
  readonly watched: readonly { readonly name: string; readonly n: number }[];
  /** Position in `watched` of each spike's group. */
  readonly groups: ArrayLike<number>;
  /** Batch row of each spike. */
  readonly rows: ArrayLike<number>;
  /** Neuron index of each spike within its group. */
  readonly indices: ArrayLike<number>;
  /** Spike times in ms. */
  times(): ArrayLike<number>;
}

/**
 * Spike events of a network's spike monitor, one group per watched population or source (named as in the
 * network), for one batch row (default 0): a raster shows one trial.
 */
export function spikesFromMonitor(monitor: SpikeMonitorLike, row = 0): SpikeEvents {
  const times = monitor.times();
  const kept: number[] = [];
  for (let q = 0; q < monitor.rows.length; q++) if (monitor.rows[q] === row) kept.push(q);
  return {
    times: kept.map((q) => times[q]!),
    indices: kept.map((q) => monitor.indices[q]!),
    groups: kept.map((q) => monitor.groups[q]!),
    groupNames: monitor.watched.map((group) => group.name),
    groupSizes: monitor.watched.map((group) => group.n),
  };
}
