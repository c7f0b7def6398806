import type { Backend, Dtype, FloatArray, StateArray } from '../backend.js';
import { BackendError, BrokenPopulationError, BusyError, DisposedError, NetworkError } from '../errors.js';
import type { ModelSpec } from '../model/spec.js';
import type { ValidatedModel } from '../model/validate.js';
import { formatBytes } from '../population/memory.js';
import { durationToSteps } from './front/duration.js';
import {
  checkGroupOf,
  checkPopulationOf,
  checkStateName,
  checkStateValues,
  nonFiniteStateError,
} from './front/group-checks.js';
import { type NetworkGroup, NetworkPopulation, SpikeSource } from './front/groups.js';
import { MemoryBudget } from './front/memory-budget.js';
import { type NetworkOptions, resolveNetworkOptions } from './front/network-options.js';
import { type NetworkPopulationOptions, resolveNetworkPopulation } from './front/network-population.js';
import { Projection } from './front/projection.js';
import { RateMonitor } from './front/rate-monitor.js';
import { recorderOf } from './front/recorder.js';
import { type ConnectOptions, resolveProjection } from './front/resolve-projection.js';
import { SpikeMonitor } from './front/spike-monitor.js';
import {
  type PoissonSourceOptions,
  resolvePoisson,
  resolveSpikeTrains,
  type SpikeSourceOptions,
} from './front/spike-sources.js';
import { resolveStateMonitorOptions, StateMonitor, type StateMonitorOptions } from './front/state-monitor.js';
import type {
  NetworkKernel,
  NetworkPlan,
  PlanGroup,
  PlanPopulation,
  PlanProjection,
} from './kernel/contract.js';

/** How long to run: a duration in ms (ending on the step grid as Brian2's clock does) or a number of steps. */
export type RunDuration = number | { readonly steps: number };

/** Options of `Network.run` and `runAsync`. */
export interface NetworkRunOptions {
  /** Called now and then with the steps done in this run and its total; it may not call back into the network. */
  progress?: (stepsDone: number, totalSteps: number) => void;
}

/** Progress reports per run, at most. */
const PROGRESS_REPORTS = 100;

/**
 * Neuron populations, spike sources and the synapses between them, run together on one backend. Groups and
 * connections are added first; the first run (or setState) builds the network on the backend, after which its
 * structure is fixed. Monitors may be added at any time.
 */
export class Network {
  readonly backend: Backend;
  readonly dt: number;
  readonly dtype: Dtype;
  readonly batchSize: number;
  readonly memoryLimitBytes: number;
  private readonly memory: MemoryBudget;
  private readonly groupList: { handle: NetworkGroup; plan: PlanGroup }[] = [];
  private readonly projectionList: PlanProjection[] = [];
  private readonly projectionHandles: Projection[] = [];
  private readonly monitorList: object[] = [];
  private kernel: NetworkKernel | null = null;
  /** Set by the first build: groups and projections are fixed from then on. */
  private built = false;
  private disposed = false;
  private stepsTaken = 0;
  private running: string | null = null;
  private pendingRuns = 0;
  private lastRun: Promise<unknown> = Promise.resolve();
  private brokenBy: { cause: unknown } | null = null;

  constructor(options: NetworkOptions) {
    const resolved = resolveNetworkOptions(options);
    this.backend = resolved.backend;
    this.dt = resolved.dt;
    this.dtype = resolved.dtype;
    this.batchSize = resolved.batchSize;
    this.memoryLimitBytes = resolved.memoryLimitBytes;
    this.memory = new MemoryBudget(this.memoryLimitBytes);
  }

  /** Adds a population of `options.n` neurons of a model; options as for a Population, plus `name` and `input`. */
  population(model: ModelSpec | ValidatedModel, options: NetworkPopulationOptions): NetworkPopulation {
    this.checkGrowing('population');
    if (options === null || typeof options !== 'object') {
      throw new NetworkError('population(model, options) needs options with at least { n }');
    }
    const name = this.groupName(options.name, typeof model?.name === 'string' ? model.name : 'population');
    const resolved = this.reserving(() =>
      resolveNetworkPopulation(model, options, name, {
        dt: this.dt,
        dtype: this.dtype,
        batchSize: this.batchSize,
        memory: this.memory,
      }),
    );
    const { plan } = resolved;
    const stateNames = plan.phased.program.state.map((s) => s.name);
    const handle = new NetworkPopulation(
      this,
      this.groupList.length,
      name,
      plan.n,
      resolved.model,
      stateNames,
      resolved.warnings,
    );
    this.groupList.push({ handle, plan });
    return handle;
  }

  /** Adds a group that spikes when told: `spikes` as [step, index] or `times` as [ms, index] pairs. */
  spikeSource(options: SpikeSourceOptions): SpikeSource {
    this.checkGrowing('spikeSource');
    if (options === null || typeof options !== 'object') {
      throw new NetworkError('spikeSource(options) needs options with at least { n }');
    }
    const plan = resolveSpikeTrains(options, this.groupName(options.name, 'spikes'), this.dt);
    this.memory.reserve(plan.steps.byteLength * 2, `spike source "${plan.name}"`);
    return this.addSource(plan, 'spike-trains');
  }

  /** Adds a group of independent Poisson spike trains of the given rate(s) in Hz. */
  poissonSource(options: PoissonSourceOptions): SpikeSource {
    this.checkGrowing('poissonSource');
    if (options === null || typeof options !== 'object') {
      throw new NetworkError('poissonSource(options) needs options with at least { n, rate, seed }');
    }
    const plan = resolvePoisson(options, this.groupName(options.name, 'poisson'), this.dt);
    this.memory.reserve(plan.probabilities.byteLength, `Poisson source "${plan.name}"`);
    return this.addSource(plan, 'poisson');
  }

  /**
   * Connects `source` to `target` (or to each of a list of targets: one projection each) with synapses of the
   * given model, picked by the connector; every per-synapse variable takes its value from the option of its
   * name. Within one population (source === target) a neuron does not connect to itself unless the connector
   * says `allowSelfConnections: true`.
   */
  connect(source: NetworkGroup, target: NetworkPopulation, options: ConnectOptions): Projection;
  connect(source: NetworkGroup, targets: readonly NetworkPopulation[], options: ConnectOptions): Projection[];
  connect(
    source: NetworkGroup,
    targets: NetworkPopulation | readonly NetworkPopulation[],
    options: ConnectOptions,
  ): Projection | Projection[] {
    this.checkGrowing('connect');
    this.checkGroup(source, 'connect');
    const list = Array.isArray(targets)
      ? (targets as readonly NetworkPopulation[])
      : [targets as NetworkPopulation];
    if (list.length === 0) throw new NetworkError('connect needs at least one target population');
    for (const target of list) this.checkPopulation(target, 'connect (target)');
    if (options === null || typeof options !== 'object') {
      throw new NetworkError('connect(source, target, options) needs options { synapse, connector, ... }');
    }
    const made = list.map((target) => this.addProjection(source, target, options, list.length > 1));
    return Array.isArray(targets) ? made : made[0]!;
  }

  /** Records every spike of the given groups from now on. */
  spikeMonitor(groups: NetworkGroup | readonly NetworkGroup[]): SpikeMonitor {
    this.enter('spikeMonitor', { whileBroken: true });
    const list = Array.isArray(groups) ? (groups as readonly NetworkGroup[]) : [groups as NetworkGroup];
    if (list.length === 0) throw new NetworkError('spikeMonitor needs at least one group to watch');
    for (const group of list) this.checkGroup(group, 'spikeMonitor');
    if (new Set(list).size !== list.length) throw new NetworkError('spikeMonitor lists a group twice');
    return this.addMonitor(new SpikeMonitor(list, this.dt));
  }

  /** Records state variables of chosen neurons of a population every `stride` steps of each run. */
  stateMonitor(
    population: NetworkPopulation,
    variables: string | readonly string[],
    options: StateMonitorOptions = {},
  ): StateMonitor {
    this.enter('stateMonitor', { whileBroken: true });
    const group = this.checkPopulation(population, 'stateMonitor');
    const names = typeof variables === 'string' ? [variables] : variables;
    if (!Array.isArray(names) || names.length === 0) {
      throw new NetworkError(`stateMonitor needs state variable names of "${group.name}", e.g. ["v"]`);
    }
    for (const name of names) checkStateName(group, name, 'stateMonitor');
    if (new Set(names).size !== names.length) throw new NetworkError('stateMonitor lists a variable twice');
    const { indices, stride } = resolveStateMonitorOptions(group, options);
    return this.addMonitor(new StateMonitor(group, names, indices, stride, this.batchSize, this.dtype));
  }

  /** Counts a group's spikes per step (its population rate in Hz). */
  rateMonitor(group: NetworkGroup): RateMonitor {
    this.enter('rateMonitor', { whileBroken: true });
    this.checkGroup(group, 'rateMonitor');
    return this.addMonitor(new RateMonitor(group, this.dt, this.batchSize));
  }

  /** Runs for a duration in ms (rounded to whole steps) or `{ steps }`, on a backend with synchronous runs. */
  run(duration: RunDuration, options: NetworkRunOptions = {}): void {
    this.enter('run');
    if (this.backend.synchronousRuns === false) {
      throw new BackendError(
        `backend "${this.backend.name}" runs asynchronously; use runAsync() instead of run()`,
      );
    }
    const started = this.startRun('run', duration, options);
    started.settle();
  }

  /** `run` for every backend; calls made before an earlier one settled wait for it. */
  async runAsync(duration: RunDuration, options: NetworkRunOptions = {}): Promise<void> {
    this.enter('runAsync', { whileRunning: true });
    this.pendingRuns++;
    const turn = this.lastRun.then(async () => {
      this.enter('runAsync');
      const started = this.startRun('runAsync', duration, options);
      try {
        await started.outcome;
      } catch (error) {
        started.settle(error);
      }
      started.settle();
    });
    this.lastRun = turn.then(
      () => this.pendingRuns--,
      () => this.pendingRuns--,
    );
    return turn;
  }

  /**
   * A copy of a population's state variable: batchSize*n values, row-major. Before the network is built it
   * shows the initial values (and builds nothing).
   */
  state(population: NetworkPopulation, name: string): StateArray {
    this.enter('state', { whileRunning: true });
    const group = this.checkPopulation(population, 'state');
    checkStateName(group, name, 'state');
    if (!this.kernel) {
      const plan = this.groupList[group.index]!.plan as PlanPopulation;
      const boolean = plan.phased.program.state.find((s) => s.name === name)!.type === 'boolean';
      return boolean ? Uint8Array.from(plan.initial.get(name)!) : this.inDtype(plan.initial.get(name)!);
    }
    if (!this.backend.synchronousReads) {
      throw new BackendError(`backend "${this.backend.name}" cannot read network state synchronously`);
    }
    return this.kernel.readState(group.index, name);
  }

  /** Overwrites a population's state variable with batchSize*n values (finite in the dtype; 0 or 1 for booleans). */
  setState(population: NetworkPopulation, name: string, values: ArrayLike<number>): void {
    this.enter('setState');
    const group = this.checkPopulation(population, 'setState');
    checkStateName(group, name, 'setState');
    const plan = this.groupList[group.index]!.plan as PlanPopulation;
    const variable = plan.phased.program.state.find((s) => s.name === name)!;
    checkStateValues(group, variable, values, this.batchSize, this.dtype);
    this.build().writeState(group.index, name, values);
  }

  /** Steps taken since the last reset. */
  get stepCount(): number {
    return this.stepsTaken;
  }

  /** Simulated time in ms: stepCount * dt. */
  get time(): number {
    return this.stepsTaken * this.dt;
  }

  /** The groups, in creation order (their `index`). */
  get groups(): readonly NetworkGroup[] {
    return this.groupList.map((g) => g.handle);
  }

  /** The projections, in creation order (the order of delivery within a step). */
  get projections(): readonly Projection[] {
    return [...this.projectionHandles];
  }

  /** What runs: the backend's network kernel once built, else a summary of the network so far. */
  get description(): string {
    if (this.built) return this.build().description;
    return (
      `network (not built yet): ${this.groupList.length} groups, ${this.projectionList.length} projections, ` +
      `dt ${this.dt} ms, ${this.dtype}, batchSize ${this.batchSize}, on ${this.backend.name}`
    );
  }

  /** Bytes the kernel reports holding once built; before that (or where it cannot tell) the network's estimate. */
  get memoryBytes(): number {
    return this.kernel?.memoryBytes?.() ?? this.memory.bytes;
  }

  /** Initial state back, events in flight dropped, monitors cleared, step 0. */
  reset(): void {
    this.enter('reset', { whileBroken: true });
    if (this.kernel && this.projectionList.some(writesSynapses)) {
      // The kernel cannot take synapse values back: a fresh one starts from the plan's.
      this.kernel.dispose();
      this.kernel = null;
    } else if (this.kernel) {
      this.running = 'reset';
      try {
        for (const { handle, plan } of this.groupList) {
          if (plan.kind !== 'population') continue;
          for (const [name, values] of plan.initial) this.kernel.writeState(handle.index, name, values);
        }
        this.kernel.clearEvents();
      } finally {
        this.running = null;
      }
    }
    for (const monitor of this.monitorList) recorderOf(monitor).clear();
    this.stepsTaken = 0;
    this.brokenBy = null;
  }

  /** Releases the backend's buffers; later calls raise DisposedError. */
  dispose(): void {
    if (this.disposed) return;
    this.enter('dispose', { whileBroken: true });
    this.kernel?.dispose();
    this.kernel = null;
    this.disposed = true;
  }

  /** The plan the backend receives (built once, on first need). */
  private plan(): NetworkPlan {
    return {
      specificationVersion: 'v1',
      dt: this.dt,
      dtype: this.dtype,
      batchSize: this.batchSize,
      groups: this.groupList.map((g) => g.plan),
      projections: [...this.projectionList],
    };
  }

  private build(): NetworkKernel {
    if (!this.kernel) {
      this.kernel = this.backend.createNetworkKernel!(this.plan());
      this.built = true;
    }
    return this.kernel;
  }

  private startRun(
    method: string,
    duration: RunDuration,
    options: NetworkRunOptions,
  ): { outcome: void | Promise<void>; settle: (error?: unknown) => void } {
    const steps = this.resolveSteps(duration);
    if (options === null || typeof options !== 'object') {
      throw new NetworkError(
        `run options must be an object, got ${options === null ? 'null' : typeof options}`,
      );
    }
    const { progress } = options;
    if (progress !== undefined && typeof progress !== 'function') {
      throw new NetworkError('run option progress must be a function (stepsDone, totalSteps) => void');
    }
    const kernel = this.build();
    this.checkRecordingMemory(steps);
    const firstStep = this.stepsTaken;
    const recorders = this.monitorList.map(recorderOf);
    const recordings = recorders.map((r) => r.begin(firstStep, steps));
    // A progress callback that throws stops the run after the steps it reported: those count.
    let reported = 0;
    let progressFailed = false;
    const report =
      progress &&
      ((done: number) => {
        reported = done;
        try {
          progress(done, steps);
        } catch (error) {
          progressFailed = true;
          throw error;
        }
      });
    const fail = (error: unknown): never => {
      if (progressFailed) {
        this.stepsTaken += reported;
        for (const recorder of recorders) recorder.end(reported);
      } else {
        this.brokenBy = { cause: error };
      }
      throw error;
    };
    this.running = method;
    let outcome: void | Promise<void>;
    try {
      outcome = kernel.run({
        steps,
        firstStep,
        probes: recordings.flatMap((r) => r.probes),
        sinks: recordings.flatMap((r) => r.sinks),
        ...(report
          ? { progress: report, progressEvery: Math.max(1, Math.ceil(steps / PROGRESS_REPORTS)) }
          : {}),
      });
    } catch (error) {
      fail(error);
    } finally {
      this.running = null;
    }
    return {
      outcome: outcome!,
      settle: (...failure: unknown[]) => {
        if (failure.length > 0) fail(failure[0]);
        this.stepsTaken += steps;
        for (const recorder of recorders) recorder.end(steps);
        if (report && reported !== steps) report(steps);
        this.checkFinite(firstStep);
      },
    };
  }

  private resolveSteps(duration: RunDuration): number {
    if (typeof duration === 'number') {
      if (!Number.isFinite(duration) || duration < 0) {
        throw new NetworkError(`run duration must be a finite number of ms, 0 or more, got ${duration}`);
      }
      return durationToSteps(this.stepsTaken, duration, this.dt);
    }
    const steps = duration?.steps;
    if (typeof steps !== 'number' || !Number.isInteger(steps) || steps < 0) {
      throw new NetworkError(
        `run needs a duration in ms or { steps } with a whole number of steps, got ${JSON.stringify(duration)}`,
      );
    }
    return steps;
  }

  /** State monitors preallocate each run's rows; those must fit the limit with what the network holds. */
  private checkRecordingMemory(steps: number): void {
    let bytes = 0;
    for (const monitor of this.monitorList) {
      if (!(monitor instanceof StateMonitor)) continue;
      const rows = Math.ceil(steps / monitor.stride);
      // The run's buffer in the dtype, then its float64 copy in the monitor.
      bytes +=
        rows *
        monitor.indices.length *
        this.batchSize *
        monitor.variables.length *
        (8 + (this.dtype === 'float32' ? 4 : 8));
    }
    if (this.memory.bytes + bytes > this.memoryLimitBytes) {
      this.memory.reserve(bytes, `a ${steps}-step run's state recordings (${formatBytes(bytes)})`);
    }
  }

  private checkFinite(firstStep: number): void {
    const bad = this.kernel!.findNonFinite?.() ?? null;
    if (!bad) return;
    const value = this.backend.synchronousReads
      ? this.kernel!.readState(bad.group, bad.state)[bad.index]!
      : Number.NaN;
    throw nonFiniteStateError(this.groupList[bad.group]!.handle, bad, value, firstStep, this.stepsTaken - 1);
  }

  private addSource(plan: PlanGroup, source: 'spike-trains' | 'poisson'): SpikeSource {
    const handle = new SpikeSource(this, this.groupList.length, plan.name, plan.n, source);
    this.groupList.push({ handle, plan });
    return handle;
  }

  private addProjection(
    source: NetworkGroup,
    target: NetworkPopulation,
    options: ConnectOptions,
    oneOfSeveral: boolean,
  ): Projection {
    const taken = new Set(this.projectionList.map((p) => p.name));
    const given = options.name;
    if (given !== undefined && (typeof given !== 'string' || given.length === 0)) {
      throw new NetworkError(`a projection's name must be a non-empty string, got ${JSON.stringify(given)}`);
    }
    const base =
      given === undefined
        ? `${source.name} -> ${target.name}`
        : oneOfSeveral
          ? `${given} -> ${target.name}`
          : given;
    if (given !== undefined && taken.has(base)) {
      throw new NetworkError(`the network already has a projection named "${base}"; pick another name`);
    }
    let name = base;
    for (let k = 1; taken.has(name); k++) name = `${base} (${k})`;
    const resolved = this.reserving(() =>
      resolveProjection(
        {
          name,
          source,
          target: { index: target.index, plan: this.groupList[target.index]!.plan as PlanPopulation },
          samePopulation: source === target,
        },
        options,
        { dt: this.dt, dtype: this.dtype, memory: this.memory },
      ),
    );
    const index = this.projectionList.length;
    this.projectionList.push(resolved.plan);
    const handle = new Projection(
      this,
      index,
      name,
      source,
      target,
      resolved.plan.connectivity.targets.length,
      resolved.bytes,
      resolved.variables,
      (variable) => this.readSynapses(index, variable),
      resolved.plan.connectivity.rowStarts,
    );
    this.projectionHandles.push(handle);
    return handle;
  }

  private readSynapses(projection: number, name: string): FloatArray {
    this.enter('read', { whileRunning: true });
    const plan = this.projectionList[projection]!;
    if (!plan.variables.has(name)) {
      // Declared but unused by onPre: the kernel holds nothing for it.
      throw new NetworkError(
        `projection "${plan.name}": synapse variable "${name}" is not used by its onPre, so no values are kept`,
      );
    }
    if (!this.kernel) return this.inDtype(plan.variables.get(name)!);
    if (!this.backend.synchronousReads) {
      throw new BackendError(`backend "${this.backend.name}" cannot read synapse variables synchronously`);
    }
    return this.kernel.readSynapses(projection, name);
  }

  private inDtype(values: Float64Array): FloatArray {
    return this.dtype === 'float32' ? Float32Array.from(values) : Float64Array.from(values);
  }

  private addMonitor<T extends object>(monitor: T): T {
    this.monitorList.push(monitor);
    return monitor;
  }

  /** Runs an addition, giving back the memory it reserved if it fails. */
  private reserving<T>(add: () => T): T {
    const before = this.memory.bytes;
    try {
      return add();
    } catch (error) {
      this.memory.release(this.memory.bytes - before);
      throw error;
    }
  }

  private groupName(given: string | undefined, fallback: string): string {
    const taken = new Set(this.groupList.map((g) => g.handle.name));
    if (given !== undefined) {
      if (typeof given !== 'string' || given.length === 0) {
        throw new NetworkError(`a group's name must be a non-empty string, got ${JSON.stringify(given)}`);
      }
      if (taken.has(given))
        throw new NetworkError(`the network already has a group named "${given}"; pick another name`);
      return given;
    }
    if (!taken.has(fallback)) return fallback;
    let k = 1;
    while (taken.has(`${fallback}_${k}`)) k++;
    return `${fallback}_${k}`;
  }

  private checkGrowing(method: string): void {
    this.enter(method);
    if (this.built) {
      throw new NetworkError(
        `${method}(): the network was built by its first run (or setState) and its groups and connections ` +
          'are fixed now; build the network (every group and connect) before running it, or create a new Network',
      );
    }
  }

  private checkGroup(group: NetworkGroup, method: string): NetworkGroup {
    return checkGroupOf(this, group, method);
  }

  private checkPopulation(population: NetworkPopulation, method: string): NetworkPopulation {
    return checkPopulationOf(this, population, method);
  }

  /** Checks that `method` may run now: not after dispose, not during a run, not after a failed run. */
  private enter(method: string, allow: { whileRunning?: boolean; whileBroken?: boolean } = {}): void {
    if (this.disposed) throw new DisposedError('network', 'create a new Network instead');
    if (!allow.whileRunning) {
      if (this.running !== null) throw new BusyError(`${method}()`, `${this.running}()`, 'this network');
      if (this.pendingRuns > 0 && method !== 'runAsync')
        throw new BusyError(`${method}()`, 'runAsync()', 'this network');
    }
    if (this.brokenBy && !allow.whileBroken) {
      throw new BrokenPopulationError(`${method}() on the network`, this.brokenBy.cause);
    }
  }
}

function writesSynapses(projection: PlanProjection): boolean {
  return projection.onPre.statements.some((s) => s.kind === 'set' && s.scope === 'synapse');
}
