import type { FloatArray, StateArray } from '../../backend.js';
import { BackendError } from '../../errors.js';
import { connectivityBytes } from '../connectors/connectivity.js';
import { compileJsDeliveryEntries } from '../delivery/compile-js-delivery.js';
import type {
  NetworkKernel,
  NetworkPlan,
  NetworkRunnerParts,
  NetworkRunRequest,
  PhaseKernel,
  PhaseKernelGroup,
  PhaseKernelRequest,
  PlanPopulation,
  PlanProjection,
} from '../kernel/contract.js';
import { checkPlan } from './check-plan.js';
import { EventRing } from './event-ring.js';
import { ProjectionDelivery } from './projection-delivery.js';
import { sequentialPhaseGroup } from './sequential-phase-group.js';
import { SpikeHistory } from './spike-history.js';
import { PoissonEmitter, type SpikeEmitter, SpikeTrainEmitter } from './spike-sources.js';
import type { SharedNumbers, SplitDeliveryPlan, SplitProjection } from './split-delivery.js';

/** A group at run time: a population (with its phase kernel) or a spike source, and its spike list. */
interface RunGroup {
  readonly n: number;
  readonly kernel: PhaseKernel | null;
  readonly emitter: SpikeEmitter | null;
  readonly population: PlanPopulation | null;
  readonly spikes: Uint32Array;
  count: number;
  history: SpikeHistory | null;
  /** Projections whose events wait per synapse: they queue this group's spikes as they happen. */
  readonly queuing: ProjectionDelivery[];
}

/**
 * Runs a network plan with a backend's phase kernels: the schedule of every step (integrate, sources emit,
 * deliver, afterSpike, sinks and probes), the event queues of delayed synapses, the spike sources, probes and
 * progress. A backend supplies the population kernels and, optionally, its own delivery.
 */
export class NetworkRunner implements NetworkKernel {
  readonly description: string;
  private readonly groups: RunGroup[];
  /** Every population's phase kernel, stepped together; with their spike lists and counts, in plan order. */
  private readonly phases: PhaseKernelGroup;
  private readonly phaseSpikes: Uint32Array[];
  private readonly phaseCounts: Uint32Array;
  private readonly projections: ProjectionDelivery[];
  private readonly synapseState: Map<string, FloatArray>[];
  private readonly histories: SpikeHistory[] = [];
  private readonly rings: EventRing[] = [];
  private readonly owner: string;
  /** The delivery the phase group splits by target over its threads, or null where it runs here. */
  private readonly split: SplitDeliveryPlan | null = null;
  /** Bytes of shared copies made for a split delivery (connectivity, spike lists). */
  private sharedBytes = 0;
  private disposed = false;

  constructor(
    private readonly plan: NetworkPlan,
    parts: NetworkRunnerParts,
  ) {
    checkPlan(plan, parts.owner);
    this.owner = parts.owner;
    const { dtype, batchSize } = plan;
    const FloatArrayType = dtype === 'float32' ? Float32Array : Float64Array;
    this.groups = [];
    const populations = plan.groups.filter((g) => g.kind === 'population');
    const requests: PhaseKernelRequest[] = populations.map((group) => ({
      phased: group.phased,
      dtype,
      n: group.n,
      batchSize,
      parameters: group.parameters,
      input: group.input,
    }));
    this.phases = createPhases(parts, requests);
    this.phaseSpikes = [];
    this.phaseCounts = new Uint32Array(populations.length);
    try {
      for (const group of plan.groups) {
        if (group.kind === 'population') {
          const kernel = this.phases.kernels[this.phaseSpikes.length]!;
          const runGroupOf = runGroup(group.n, kernel, null, group, batchSize * group.n);
          this.groups.push(runGroupOf);
          this.phaseSpikes.push(runGroupOf.spikes);
          writeInitialState(kernel, group, parts.owner);
        } else {
          const emitter =
            group.kind === 'poisson'
              ? new PoissonEmitter(group, batchSize)
              : new SpikeTrainEmitter(group, batchSize);
          this.groups.push(runGroup(group.n, null, emitter, null, emitter.capacity));
        }
      }
      // One history per source group, as long as the largest single delay of the projections it feeds.
      const longest = new Map<number, number>();
      for (const projection of plan.projections) {
        if (typeof projection.delaySteps === 'number' && projection.delaySteps > 0) {
          longest.set(
            projection.source,
            Math.max(longest.get(projection.source) ?? 0, projection.delaySteps),
          );
        }
      }
      for (const [index, delay] of longest) {
        const group = this.groups[index]!;
        group.history = new SpikeHistory(delay + 1, group.spikes.length);
        this.histories.push(group.history);
      }
      this.synapseState = [];
      // Delivery splits over the group's threads only with one delay per projection and core's delivery, whose
      // arrays then live in shared memory; otherwise it stays here, for every projection, in order.
      const shared =
        this.phases.splitsDelivery === true &&
        !parts.compileDelivery &&
        plan.projections.length > 0 &&
        plan.projections.every((projection) => typeof projection.delaySteps === 'number');
      const splitProjections: SplitProjection[] = [];
      this.projections = plan.projections.map((sharedOrNot) => {
        const projection = shared ? withSharedConnectivity(sharedOrNot) : sharedOrNot;
        if (shared)
          this.sharedBytes += connectivityBytes(
            projection.connectivity.sourceCount,
            projection.connectivity.targets.length,
          );
        const source = this.groups[projection.source]!;
        const target = this.groups[projection.target]!;
        const synapseState = new Map<string, FloatArray>();
        for (const name of projection.onPre.synapseVariables) {
          const values = projection.variables.get(name)!;
          synapseState.set(
            name,
            !shared
              ? FloatArrayType.from(values)
              : dtype === 'float32'
                ? sharedCopy(Float32Array, values)
                : sharedCopy(Float64Array, values),
          );
        }
        this.synapseState.push(synapseState);
        const targetState = new Map<string, StateArray>();
        for (const name of projection.onPre.targetVariables) targetState.set(name, target.kernel!.view(name));
        const request = { projection, dtype, targetN: target.n, targetState, synapseState };
        const js = parts.compileDelivery ? null : compileJsDeliveryEntries(request);
        if (shared) {
          const spikes = new Uint32Array(new SharedArrayBuffer(Math.max(1, source.spikes.length) * 4));
          this.sharedBytes += spikes.byteLength;
          splitProjections.push({
            target: populations.indexOf(target.population!),
            targetN: target.n,
            sourceN: source.n,
            parameters: js!.parameters,
            source: js!.source,
            factoryArguments: js!.factoryArguments as SharedNumbers[],
            spikes,
            writesSynapses: js!.writesSynapses,
          });
        }
        const deliverEvents = parts.compileDelivery ? parts.compileDelivery(request) : js!.events;
        const { delaySteps } = projection;
        let queue: ConstructorParameters<typeof ProjectionDelivery>[2];
        if (typeof delaySteps === 'number') {
          queue = { kind: 'uniform', steps: delaySteps, history: source.history };
        } else {
          let longestDelay = 0;
          for (let s = 0; s < delaySteps.length; s++) longestDelay = Math.max(longestDelay, delaySteps[s]!);
          const ring = new EventRing(longestDelay + 1);
          this.rings.push(ring);
          queue = { kind: 'per-synapse', steps: delaySteps, ring };
        }
        const delivery = new ProjectionDelivery(
          projection.connectivity.rowStarts,
          source.n,
          queue,
          deliverEvents,
          js?.spikes ?? null,
        );
        if (queue.kind === 'per-synapse') source.queuing.push(delivery);
        return delivery;
      });
      if (shared) {
        const split: SplitDeliveryPlan = {
          projections: splitProjections,
          batchSize,
          counts: new Int32Array(new SharedArrayBuffer(splitProjections.length * 4)),
          time: new Float64Array(new SharedArrayBuffer(8)),
        };
        if (this.phases.splitDelivery?.(split)) this.split = split;
      }
    } catch (error) {
      for (const kernel of this.phases.kernels) kernel.dispose();
      throw error;
    }
    const delivery = parts.compileDelivery
      ? `${parts.owner} delivery`
      : this.split
        ? 'event-driven delivery split by target'
        : 'event-driven delivery';
    this.description =
      `${parts.owner} ${dtype} network: ${plan.groups.length} group${plan.groups.length === 1 ? '' : 's'} ` +
      `(${populations.length} population${populations.length === 1 ? '' : 's'}), ${plan.projections.length} projection` +
      `${plan.projections.length === 1 ? '' : 's'} (${delivery})`;
  }

  readState(group: number, name: string): StateArray {
    return this.view(group, name).slice();
  }

  writeState(group: number, name: string, values: ArrayLike<number>): void {
    const view = this.view(group, name);
    if (values.length !== view.length) {
      throw new BackendError(
        `${this.owner} network: state "${name}" of group ${this.groupName(group)} needs ${view.length} values (batchSize*n), got ${values.length}`,
      );
    }
    writeConverted(view, values);
  }

  readSynapses(projection: number, name: string): FloatArray {
    this.checkLive();
    const values = this.synapseState[projection]?.get(name);
    if (!values) {
      throw new BackendError(
        `${this.owner} network: projection ${projection} has no synapse variable "${name}"`,
      );
    }
    return values.slice();
  }

  run(request: NetworkRunRequest): void {
    this.checkLive();
    const { steps, firstStep, probes, sinks, progress } = request;
    if (!Number.isSafeInteger(steps) || steps < 0 || !Number.isSafeInteger(firstStep) || firstStep < 0) {
      throw new BackendError(
        `${this.owner} network: steps and firstStep must be whole numbers >= 0, got ${steps} and ${firstStep}`,
      );
    }
    const probeViews = probes.map((probe) => {
      const view = this.view(probe.group, probe.name);
      const rows = steps === 0 ? 0 : Math.floor((steps - 1) / probe.stride) + 1;
      if (!Number.isSafeInteger(probe.stride) || probe.stride < 1)
        throw new BackendError(`${this.owner} network: probe stride must be a whole number >= 1`);
      if (probe.buffer.length < rows * probe.indices.length) {
        throw new BackendError(
          `${this.owner} network: probe of "${probe.name}" needs ${rows * probe.indices.length} values, its buffer has ${probe.buffer.length}`,
        );
      }
      for (const index of probe.indices) {
        if (index >= view.length)
          throw new BackendError(
            `${this.owner} network: probe index ${index} is beyond ${view.length} values`,
          );
      }
      return view;
    });
    const sinkGroups = sinks.map((sink) => Uint32Array.from(sink.groups));
    for (const groups of sinkGroups) for (const group of groups) this.groupAt(group);
    const every = request.progressEvery ?? 1;
    const { groups, projections, phases, phaseSpikes, phaseCounts, split } = this;
    const dt = this.plan.dt;
    const roundTime = this.plan.dtype === 'float32' ? Math.fround : (x: number) => x;
    // With the delivery split over threads, a step's delivery and afterSpike ride in the next step's integrate
    // command (one barrier a step); a step settles at once where probes, progress or the run's end look at it.
    const fused = split !== null && phases.advanceAll !== undefined;
    let settling: number | null = null;
    for (let k = 0; k < steps; k++) {
      const step = firstStep + k;
      if (fused) phases.advanceAll!(settling, step, phaseSpikes, phaseCounts);
      else phases.integrateAll(step, phaseSpikes, phaseCounts);
      settling = null;
      for (let g = 0, population = 0; g < groups.length; g++) {
        const group = groups[g]!;
        group.count = group.kernel ? phaseCounts[population++]! : group.emitter!.emit(step, group.spikes);
        group.history?.record(step, group.spikes, group.count);
        for (const queuing of group.queuing) queuing.emit(step, group.spikes, group.count);
      }
      const t = roundTime(step * dt);
      if (split) {
        for (let p = 0; p < projections.length; p++) {
          const source = groups[this.plan.projections[p]!.source]!;
          split.counts[p] = projections[p]!.copyDue(
            step,
            source.spikes,
            source.count,
            split.projections[p]!.spikes,
          );
        }
        split.time[0] = t;
        if (!fused) phases.deliverAll!(step);
      } else {
        for (let p = 0; p < projections.length; p++) {
          const source = groups[this.plan.projections[p]!.source]!;
          projections[p]!.deliver(step, t, source.spikes, source.count);
        }
      }
      if (!fused) phases.afterSpikeAll(step, phaseSpikes, phaseCounts);
      // Sinks see spike lists only, which settling leaves as they are.
      for (let s = 0; s < sinks.length; s++) {
        const watched = sinkGroups[s]!;
        for (let w = 0; w < watched.length; w++) {
          const group = groups[watched[w]!]!;
          sinks[s]!.accept(step, watched[w]!, group.spikes, group.count);
        }
      }
      const reporting = progress !== undefined && ((k + 1) % every === 0 || k + 1 === steps);
      if (fused) {
        if (reporting || k + 1 === steps || probesDue(probes, k))
          phases.advanceAll!(step, null, phaseSpikes, phaseCounts);
        else settling = step;
      }
      for (let p = 0; p < probes.length; p++) {
        const probe = probes[p]!;
        if (k % probe.stride !== 0) continue;
        const { indices, buffer } = probe;
        const view = probeViews[p]!;
        const base = (k / probe.stride) * indices.length;
        for (let q = 0; q < indices.length; q++) buffer[base + q] = view[indices[q]!]!;
      }
      if (reporting) progress!(k + 1);
    }
  }

  clearEvents(): void {
    this.checkLive();
    for (const history of this.histories) history.clear();
    for (const ring of this.rings) ring.clear();
  }

  findNonFinite(): { group: number; state: string; index: number } | null {
    this.checkLive();
    for (let g = 0; g < this.groups.length; g++) {
      const { kernel, population } = this.groups[g]!;
      if (!kernel || !population) continue;
      for (const variable of population.phased.program.state) {
        if (variable.type === 'boolean') continue;
        const values = kernel.view(variable.name);
        for (let i = 0; i < values.length; i++)
          if (!Number.isFinite(values[i])) return { group: g, state: variable.name, index: i };
      }
    }
    return null;
  }

  memoryBytes(): number {
    this.checkLive();
    let bytes = 0;
    for (const group of this.groups) bytes += (group.kernel?.memoryBytes?.() ?? 0) + group.spikes.byteLength;
    for (const projection of this.plan.projections) {
      const { connectivity, delaySteps } = projection;
      bytes += connectivityBytes(connectivity.sourceCount, connectivity.targets.length);
      if (typeof delaySteps !== 'number') bytes += delaySteps.byteLength;
    }
    for (const state of this.synapseState) for (const values of state.values()) bytes += values.byteLength;
    for (const history of this.histories) bytes += history.memoryBytes();
    for (const ring of this.rings) bytes += ring.memoryBytes();
    return bytes + this.sharedBytes;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const kernel of this.phases.kernels) kernel.dispose();
  }

  private view(group: number, name: string): StateArray {
    this.checkLive();
    const { kernel, population } = this.groupAt(group);
    if (!kernel || !population) {
      throw new BackendError(
        `${this.owner} network: group ${this.groupName(group)} is a spike source; it has no state "${name}"`,
      );
    }
    if (!population.phased.program.state.some((variable) => variable.name === name)) {
      const names = population.phased.program.state.map((variable) => `"${variable.name}"`).join(', ');
      throw new BackendError(
        `${this.owner} network: group ${this.groupName(group)} has no state "${name}" (it has ${names})`,
      );
    }
    return kernel.view(name);
  }

  private groupAt(group: number): RunGroup {
    const found = Number.isInteger(group) ? this.groups[group] : undefined;
    if (!found) {
      throw new BackendError(`${this.owner} network: no group ${group}; the plan has ${this.groups.length}`);
    }
    return found;
  }

  private groupName(group: number): string {
    return JSON.stringify(this.plan.groups[group]?.name ?? String(group));
  }

  private checkLive(): void {
    if (this.disposed) throw new BackendError(`${this.owner} network kernel used after dispose()`);
  }
}

/** Whether a probe records at step k of the run. */
function probesDue(probes: NetworkRunRequest['probes'], k: number): boolean {
  for (let p = 0; p < probes.length; p++) if (k % probes[p]!.stride === 0) return true;
  return false;
}

/** The backend's group of phase kernels, or its per-population kernels stepped one after another. */
function createPhases(parts: NetworkRunnerParts, requests: readonly PhaseKernelRequest[]): PhaseKernelGroup {
  if (parts.createPhaseKernelGroup) {
    const group = parts.createPhaseKernelGroup(requests);
    if (group.kernels.length !== requests.length) {
      for (const kernel of group.kernels) kernel.dispose();
      throw new BackendError(
        `${parts.owner} network: createPhaseKernelGroup gave ${group.kernels.length} kernels for ${requests.length} populations`,
      );
    }
    return group;
  }
  const kernels: PhaseKernel[] = [];
  try {
    for (const request of requests) kernels.push(parts.createPhaseKernel(request));
  } catch (error) {
    for (const kernel of kernels) kernel.dispose();
    throw error;
  }
  return sequentialPhaseGroup(kernels);
}

/** The projection with its connectivity copied into SharedArrayBuffers, for threads to read. */
function withSharedConnectivity(projection: PlanProjection): PlanProjection {
  const { connectivity } = projection;
  return {
    ...projection,
    connectivity: {
      ...connectivity,
      targets: sharedCopy(Uint32Array, connectivity.targets),
      rowStarts: sharedCopy(Uint32Array, connectivity.rowStarts),
    },
  };
}

function sharedCopy<T extends Float32Array | Float64Array | Uint32Array>(
  Type: { new (buffer: SharedArrayBuffer): T; readonly BYTES_PER_ELEMENT: number },
  values: ArrayLike<number>,
): T {
  const copy = new Type(new SharedArrayBuffer(values.length * Type.BYTES_PER_ELEMENT));
  copy.set(values);
  return copy;
}

function runGroup(
  n: number,
  kernel: PhaseKernel | null,
  emitter: SpikeEmitter | null,
  population: PlanPopulation | null,
  capacity: number,
): RunGroup {
  return {
    n,
    kernel,
    emitter,
    population,
    spikes: new Uint32Array(capacity),
    count: 0,
    history: null,
    queuing: [],
  };
}

/** Writes float64 values into a dtype view: Float32Array rounds, a boolean view holds 0 or 1. */
function writeConverted(view: StateArray, values: ArrayLike<number>): void {
  if (view instanceof Uint8Array) {
    for (let i = 0; i < values.length; i++) view[i] = values[i] ? 1 : 0;
  } else {
    view.set(values);
  }
}

function writeInitialState(kernel: PhaseKernel, population: PlanPopulation, owner: string): void {
  for (const variable of population.phased.program.state) {
    const values = population.initial.get(variable.name);
    if (!values) {
      throw new BackendError(
        `${owner} network: the plan gives no initial values for state "${variable.name}" of population "${population.name}"`,
      );
    }
    const view = kernel.view(variable.name);
    if (values.length !== view.length) {
      throw new BackendError(
        `${owner} network: initial "${variable.name}" of population "${population.name}" has ${values.length} values, expected ${view.length}`,
      );
    }
    writeConverted(view, values);
  }
}
