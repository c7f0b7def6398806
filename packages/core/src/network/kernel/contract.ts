import type { Dtype, FloatArray, ParameterValue, StateArray } from '../../backend.js';
import type { Expr } from '../../expr/ast.js';
import type { Statement, StepProgram } from '../../program/program.js';
import type { Connectivity } from '../connectors/connectivity.js';
import type { SplitDeliveryPlan } from '../runtime/split-delivery.js';

/**
 * The network contract (v1). A network is data: groups (neuron populations and spike sources) and projections
 * (connectivity plus a synapse program). Core builds a `NetworkPlan`; a backend that runs networks turns it into
 * a `NetworkKernel`, usually with core's `NetworkRunner` and two pieces of its own: a phased population kernel
 * and, optionally, a delivery compiler. Nothing here names a model.
 *
 * Schedule of one step k (Brian2's default): (1) every population integrates (`integrate` phase, ending with
 * its threshold); (2) spike sources emit the spikes scheduled for k; (3) synaptic events due at k are
 * delivered, projections in creation order, within a projection by emission step (oldest first), then synapse
 * index; (4) every population runs its `afterSpike` phase (refractory bookkeeping, reset, bounds, traces).
 */

/** A population's step program split around synaptic delivery. */
export interface PhasedProgram {
  /** The whole program: state, parameters and derived parameters come from here. */
  readonly program: StepProgram;
  /** Statements up to and including the spike condition (`program.spikes`). */
  readonly integrate: readonly Statement[];
  /** The rest: refractory bookkeeping, reset, bounds, traces, input sum. */
  readonly afterSpike: readonly Statement[];
  /**
   * Whether `afterSpike` changes nothing but the elements that spiked (every statement a spike-gated identity,
   * `x = select(s, E, x)`): a kernel may then run it on the step's spike list alone.
   */
  readonly afterSpikeOnSpikesOnly: boolean;
}

/** What a backend needs to build the phase kernel of one network population. */
export interface PhaseKernelRequest {
  readonly phased: PhasedProgram;
  readonly dtype: Dtype;
  readonly n: number;
  readonly batchSize: number;
  /** A value for every name in `phased.program.parameters`, already validated. */
  readonly parameters: ReadonlyMap<string, ParameterValue>;
  /** Constant input current `I`: n values shared by the batch rows. */
  readonly input: Float64Array;
}

/**
 * A population kernel that runs one step in two calls, so that synaptic delivery fits between them.
 * State lives in buffers the kernel owns; `view` hands out live views that delivery and monitors read and
 * write between the calls.
 */
export interface PhaseKernel {
  readonly description: string;
  /** A live view (batchSize*n values, row-major) of a state variable, valid until dispose. */
  view(name: string): StateArray;
  /**
   * Integrates every neuron of every batch row for step `step` (t = step*dt) and evaluates the threshold.
   * Writes the flat indices `row*n + j` of the neurons that spiked into `spikes`, ascending, and returns their
   * count (0 for a model without a threshold). `spikes` has room for batchSize*n indices.
   */
  integrate(step: number, spikes: Uint32Array): number;
  /**
   * The rest of step `step`: refractory bookkeeping, reset, bounds, traces. `spikes[0..count)` is the list
   * `integrate` returned for this step (flat indices, ascending); where `phased.afterSpikeOnSpikesOnly`, a kernel
   * may run the phase on those elements only, else it runs every element.
   */
  afterSpike(step: number, spikes: Uint32Array, count: number): void;
  /** Bytes the kernel holds, for the network's memory limit. */
  memoryBytes?(): number;
  /** Frees the kernel's buffers; its views are invalid afterwards. */
  dispose(): void;
}

/**
 * The phase kernels of every population of a network, stepped together: one call per phase covers all of
 * them, so a backend that splits phases over threads meets its workers once per phase, not once per
 * population. Each call must give exactly what the kernels' own calls, population by population, give.
 */
export interface PhaseKernelGroup {
  /** One kernel per request, in request order; `view`, `memoryBytes` and `dispose` go through these. */
  readonly kernels: readonly PhaseKernel[];
  /** `counts[i] = kernels[i].integrate(step, spikes[i])` for every population i. */
  integrateAll(step: number, spikes: readonly Uint32Array[], counts: Uint32Array): void;
  /**
   * `kernels[i].afterSpike(step)` for every population i. `spikes` and `counts` are what `integrateAll` wrote
   * for this step.
   */
  afterSpikeAll(step: number, spikes: readonly Uint32Array[], counts: Uint32Array): void;
  /**
   * Whether the group splits delivery by target over its threads. Where true, and every projection has one
   * delay and core's JavaScript delivery, the runner keeps synapse variables, connectivity and the spike lists
   * to deliver in SharedArrayBuffers and offers the plan to `splitDelivery`.
   */
  readonly splitsDelivery?: boolean;
  /** Takes the network's delivery; returns whether `deliverAll` delivers it (false: the runner does). */
  splitDelivery?(plan: SplitDeliveryPlan): boolean;
  /**
   * Every projection's events of step `step`, from the plan's spike lists, counts and time that the runner
   * filled: each thread applies those whose targets it integrates, then all meet at one barrier.
   */
  deliverAll?(step: number): void;
  /**
   * Where the group took the delivery: a step's settling and the next step's integration in one pass of each
   * thread over what it owns, so a step costs one barrier. First, unless `settle` is null, step `settle`'s
   * deliveries (from the plan's lists, counts and time, as `deliverAll`) and afterSpike phases (as
   * `afterSpikeAll`, with the `spikes` and `counts` its integration wrote); then, unless `integrate` is null,
   * `integrateAll(integrate, spikes, counts)`. The results equal those calls in that order.
   */
  advanceAll?(
    settle: number | null,
    integrate: number | null,
    spikes: readonly Uint32Array[],
    counts: Uint32Array,
  ): void;
}

/** A statement of a synapse program: `let` a temporary, or `set` a synapse or target-neuron variable. */
export interface DeliveryStatement {
  readonly kind: 'let' | 'set';
  /** Where a `set` writes: a per-synapse variable or a state variable of the target neuron. */
  readonly scope: 'synapse' | 'target' | 'local';
  readonly name: string;
  readonly expr: Expr;
}

/**
 * What runs for each synaptic event (Brian2's `on_pre`). Identifiers in expressions name a synapse variable
 * (`synapseVariables`), a target-neuron state variable (`targetVariables`; the two lists are disjoint), an
 * earlier `let`, or `t` (ms, the time of the step the event is delivered in). Constants are number literals.
 */
export interface DeliveryProgram {
  readonly specificationVersion: 'v1';
  /** The synapse model's name, for messages and descriptions. */
  readonly synapse: string;
  readonly synapseVariables: readonly string[];
  readonly targetVariables: readonly string[];
  readonly statements: readonly DeliveryStatement[];
}

/** A neuron population in a plan. */
export interface PlanPopulation {
  readonly kind: 'population';
  readonly name: string;
  readonly n: number;
  readonly phased: PhasedProgram;
  readonly parameters: ReadonlyMap<string, ParameterValue>;
  /** Initial state, batchSize*n values per state variable (float64; the kernel converts). */
  readonly initial: ReadonlyMap<string, Float64Array>;
  /** Constant input current, n values. */
  readonly input: Float64Array;
}

/** Spike trains given in advance: spike q is neuron `indices[q]` at step `steps[q]`; sorted by step, then index. */
export interface PlanSpikeTrains {
  readonly kind: 'spike-trains';
  readonly name: string;
  readonly n: number;
  readonly steps: Uint32Array;
  readonly indices: Uint32Array;
}

/**
 * Poisson spike source: neuron j of batch row b spikes at step k when
 * `drawUniform(seed, stream, k, b*n + j) < rate_j * dt / 1000` (rates in Hz, dt in ms).
 */
export interface PlanPoissonSource {
  readonly kind: 'poisson';
  readonly name: string;
  readonly n: number;
  /** Per-neuron spike probability per step, rate*dt/1000, each in [0, 1]. */
  readonly probabilities: Float64Array;
  readonly seed: number;
  readonly stream: number;
}

/** A group of a network plan: a population, a source of given spike trains or a Poisson source. */
export type PlanGroup = PlanPopulation | PlanSpikeTrains | PlanPoissonSource;

/** A projection of a network plan: connectivity, delays, synapse variables and the `onPre` program. */
export interface PlanProjection {
  readonly name: string;
  /** Index into `NetworkPlan.groups` of the spiking side (any group). */
  readonly source: number;
  /** Index into `NetworkPlan.groups` of the receiving population. */
  readonly target: number;
  readonly connectivity: Connectivity;
  /** Delay in whole steps: one for every synapse, or one per synapse (at most `MAX_DELAY_STEPS`). */
  readonly delaySteps: number | Uint32Array;
  /** Initial value of every per-synapse variable the program uses (float64; the kernel converts). */
  readonly variables: ReadonlyMap<string, Float64Array>;
  readonly onPre: DeliveryProgram;
}

/** A network as a backend receives it: groups and projections, all checked by core. */
export interface NetworkPlan {
  readonly specificationVersion: 'v1';
  readonly dt: number;
  readonly dtype: Dtype;
  /** Independent trials sharing connectivity and synapse variables. */
  readonly batchSize: number;
  readonly groups: readonly PlanGroup[];
  readonly projections: readonly PlanProjection[];
}

/** State to record during a run, in a buffer the caller allocates. */
export interface StateProbe {
  readonly group: number;
  readonly name: string;
  /** Flat indices (row*n + j) to copy, in this order. */
  readonly indices: Uint32Array;
  /** Row r of `buffer` (indices.length values) is the state after step `firstRecorded + r*stride`. */
  readonly stride: number;
  readonly buffer: FloatArray;
}

/** Receives every step's spikes of the groups it watches; the kernel calls it after delivery. */
export interface SpikeSink {
  readonly groups: readonly number[];
  /** `indices[0..count)` are flat indices (row*n + j), ascending, of group `group` spiking at `step`. */
  accept(step: number, group: number, indices: Uint32Array, count: number): void;
}

/** One call of `NetworkKernel.run`: steps, probes, spike sinks and progress. */
export interface NetworkRunRequest {
  readonly steps: number;
  /** Steps taken since the last reset: step k of this run is global step `firstStep + k`. */
  readonly firstStep: number;
  readonly probes: readonly StateProbe[];
  readonly sinks: readonly SpikeSink[];
  /** Called every `progressEvery` steps with the steps done in this run; may not call back into the network. */
  readonly progress?: (stepsDone: number) => void;
  readonly progressEvery?: number;
}

/** A compiled network: runs steps of every group and projection, and reads and writes their state. */
export interface NetworkKernel {
  readonly description: string;
  /** A copy of a population's state variable (batchSize*n values). */
  readState(group: number, name: string): StateArray;
  /** Overwrites a population's state variable with batchSize*n values. */
  writeState(group: number, name: string, values: ArrayLike<number>): void;
  /** A copy of a projection's per-synapse variable. */
  readSynapses(projection: number, name: string): FloatArray;
  /** Runs `request.steps` steps of the whole network. */
  run(request: NetworkRunRequest): void | Promise<void>;
  /** Drops every event in flight (spikes emitted but not yet delivered); `reset()` calls it. */
  clearEvents(): void;
  /** The first NaN or ±Infinity in population state, if any. */
  findNonFinite?(): { group: number; state: string; index: number } | null;
  /** Bytes the kernel holds, for the network's memory limit. */
  memoryBytes?(): number;
  /** Frees the kernel and everything it holds. */
  dispose(): void;
}

/** Largest delay a synapse may have, in steps; the event ring holds this many steps plus one. */
export const MAX_DELAY_STEPS = 65535;

/**
 * A compiled delivery: applies a projection's `onPre` to the events `synapses[start..end)` of batch row `row`
 * (each a synapse index), in that order, at time `t`.
 */
export type DeliverEvents = (
  synapses: Uint32Array,
  start: number,
  end: number,
  row: number,
  t: number,
) => void;

/** What a backend needs to compile one projection's delivery. */
export interface DeliveryRequest {
  readonly projection: PlanProjection;
  readonly dtype: Dtype;
  /** Neurons per batch row of the target population. */
  readonly targetN: number;
  /** Live views of the target population's state (from its phase kernel). */
  readonly targetState: ReadonlyMap<string, StateArray>;
  /** Per-synapse variables, in the network's dtype, owned by the runner. */
  readonly synapseState: ReadonlyMap<string, FloatArray>;
}

/** What a backend supplies to core's `NetworkRunner`; the runner does the schedule, queues, sources and probes. */
export interface NetworkRunnerParts {
  /** The backend's name, for descriptions and errors ("js", "wasm"). */
  readonly owner: string;
  /** Builds the phase kernel of one population of the network. */
  createPhaseKernel(request: PhaseKernelRequest): PhaseKernel;
  /**
   * Builds the kernels of all the network's populations (requests in group order) as one group, stepped
   * together; where given, the runner uses it instead of `createPhaseKernel`.
   */
  createPhaseKernelGroup?(requests: readonly PhaseKernelRequest[]): PhaseKernelGroup;
  /** Compiles a projection's delivery; without it, core's JavaScript delivery runs over the live views. */
  compileDelivery?(request: DeliveryRequest): DeliverEvents;
}
