import type { Backend, Dtype, ModelSpec, StateArray } from '@synapticflow/core';
import * as core from '@synapticflow/core';
import type { ConformanceTarget } from '../target.js';

/**
 * The part of core's network API (docs/networks.md) the network tests use, declared by shape so that the
 * tests are written, type-checked and registered before every piece of it exists; a test whose piece is
 * missing is registered as skipped with the reason.
 */
export type Group = object;

export interface GroupSpikes {
  readonly steps: Uint32Array;
  readonly rows: Uint32Array;
  readonly indices: Uint32Array;
}

export interface SpikeMonitorLike extends GroupSpikes {
  readonly count: number;
  readonly groups: Uint16Array;
  ofGroup(group: Group): GroupSpikes;
}

export interface StateMonitorLike {
  /** The steps recorded (the state after each). */
  readonly steps: Uint32Array;
  /** steps.length × batchSize × indices.length values, row-major. */
  values(name: string): Float64Array;
}

export interface RateMonitorLike {
  readonly rates: Float64Array;
  readonly counts: Uint32Array;
}

export interface ConnectOptions {
  synapse: { name?: string; variables?: Record<string, { initial?: number }>; onPre: string | string[] };
  connector:
    | { kind: 'explicit'; i: ArrayLike<number>; j: ArrayLike<number> }
    | { kind: 'all-to-all' }
    | { kind: 'one-to-one' };
  allowSelfConnections?: boolean;
  delay?: number | ArrayLike<number>;
  [variable: string]: unknown;
}

export interface NetworkLike {
  population(
    model: ModelSpec,
    options: {
      n: number;
      name?: string;
      params?: Record<string, number | ArrayLike<number>>;
      init?: Record<string, number | ArrayLike<number>>;
      input?: number | ArrayLike<number>;
    },
  ): Group;
  spikeSource(options: { n: number; name?: string; spikes: readonly (readonly [number, number])[] }): Group;
  connect(source: Group, target: Group, options: ConnectOptions): unknown;
  spikeMonitor(groups: Group | readonly Group[]): SpikeMonitorLike;
  stateMonitor(
    population: Group,
    variables: readonly string[],
    options?: { indices?: ArrayLike<number>; stride?: number },
  ): StateMonitorLike;
  rateMonitor(group: Group): RateMonitorLike;
  run(duration: number | { steps: number }): void;
  runAsync(duration: number | { steps: number }): Promise<void>;
  state(population: Group, name: string): StateArray;
  readonly stepCount: number;
  reset(): void;
  dispose(): void;
}

export interface NetworkSetup {
  backend: Backend;
  dt: number;
  dtype: Dtype;
  batchSize?: number;
}

type NetworkConstructor = new (options: NetworkSetup) => NetworkLike;

function networkClass(): NetworkConstructor | null {
  const exported = (core as unknown as Record<string, unknown>).Network;
  return typeof exported === 'function' ? (exported as NetworkConstructor) : null;
}

/** Why the network tests cannot run on `target` (core without Network, a backend without networks), or null. */
export function missingNetworkSupport(target: ConformanceTarget): string | null {
  const Network = networkClass();
  if (!Network) return '@synapticflow/core does not export Network';
  if (!('connect' in Network.prototype)) return "core's Network has no connect()";
  const backend = target.createBackend();
  if (typeof backend.createNetworkKernel !== 'function')
    return `backend "${backend.name}" has no createNetworkKernel: it does not run networks`;
  return null;
}

/** A network on a fresh backend of the target. */
export function createNetwork(
  target: ConformanceTarget,
  options: { dt: number; batchSize?: number },
): NetworkLike {
  const Network = networkClass()!;
  return new Network({ backend: target.createBackend(), dtype: target.dtype, ...options });
}

/** Runs `duration` on any backend: synchronously where it can, else through runAsync. */
export async function runNetwork(network: NetworkLike, duration: number | { steps: number }): Promise<void> {
  await network.runAsync(duration);
}
