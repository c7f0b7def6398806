/**
 * `@synapticflow/core`: what a user or a model author needs. Backend authors import the contract and the
 * code-generation helpers from `@synapticflow/core/backend`; the float64 interpreter oracle lives in
 * `@synapticflow/core/reference`. Every export here is listed in api/core.api.txt (see api-report.test.ts).
 */

// Choosing a backend and a dtype (backends themselves come from the backend packages).
export type { Backend, Dtype, FloatArray, StateArray } from './backend.js';
export { DTYPES } from './backend.js';
// Errors: every one a SynapticFlowError with a stable `code`.
export {
  BackendError,
  BrokenPopulationError,
  BusyError,
  DisposedError,
  InputError,
  MemoryLimitError,
  ModelSpecError,
  NetworkError,
  ParameterError,
  type SpecLocation,
  SynapseSpecError,
  type SynapseSpecLocation,
  SynapticFlowError,
  type ValuePath,
  WorkerError,
} from './errors.js';
// Writing models: specs, their checks, and the parameters population features add.
export {
  ExpressionLimitError,
  MAX_EXPANDED_SIZE,
  MAX_EXPRESSION_DEPTH,
} from './expr/limits.js';
// Suggestions for misspelt names, as core's own messages make them.
export { closestName, MAX_SUGGESTED_NAME_LENGTH } from './model/closest-name.js';
export { defineModel } from './model/define.js';
export { FEATURE_PARAMETERS, hasSpikeTraces } from './model/features.js';
// The model library.
export {
  ADAPTIVE_LIF_MODEL,
  ADEX_MODEL,
  CUBA_LIF_MODEL,
  ELIF_MODEL,
  IF_MODEL,
  IZHIKEVICH_MODEL,
  IZHIKEVICH_PRESETS,
  LIF_EXP_SYNAPSE_MODEL,
  LIF_MODEL,
  MODEL_LIBRARY,
  QIF_MODEL,
} from './model/library/index.js';
export type {
  BoundSpec,
  ModelSpec,
  ParameterConstraint,
  ParameterSpec,
  RefractorySpec,
  StateSpec,
} from './model/spec.js';
export { type Assignment, isValidatedModel, type ValidatedModel, validateModel } from './model/validate.js';
// Connectivity from connectors, stored as CSR.
export { connectAllToAll } from './network/connectors/all-to-all.js';
export { type ColumnIndex, columnIndex } from './network/connectors/columns.js';
export {
  BYTES_PER_SYNAPSE,
  type Connectivity,
  checkPerSynapse,
  connectivityBytes,
  DEFAULT_MAX_CONNECTIVITY_BYTES,
  MAX_SYNAPSES,
  synapseCount,
  synapseSources,
} from './network/connectors/connectivity.js';
export { ConnectorError } from './network/connectors/connector-error.js';
export type { ConnectorOptions, RandomConnectorOptions } from './network/connectors/connector-options.js';
export {
  connectExplicitPairs,
  type ExplicitConnectivity,
  type ExplicitPairsOptions,
} from './network/connectors/explicit-pairs.js';
export { connectFixedInDegree, type FixedInDegreeOptions } from './network/connectors/fixed-in-degree.js';
export {
  connectFixedProbability,
  type FixedProbabilityOptions,
} from './network/connectors/fixed-probability.js';
export { connectOneToOne } from './network/connectors/one-to-one.js';
export type { ConnectorSpec } from './network/front/connector-spec.js';
// Networks: populations, spike sources and synapses run together; monitors record them.
export { type NetworkGroup, NetworkPopulation, SpikeSource } from './network/front/groups.js';
export type { NetworkOptions } from './network/front/network-options.js';
export type {
  NetworkInitialValue,
  NetworkPopulationOptions,
} from './network/front/network-population.js';
export { Projection } from './network/front/projection.js';
export {
  normal,
  type RandomInit,
  type RandomInitOptions,
  uniform,
} from './network/front/random-init.js';
export { RateMonitor } from './network/front/rate-monitor.js';
export type { ConnectOptions, SynapseValue } from './network/front/resolve-projection.js';
export { type GroupSpikes, SpikeMonitor } from './network/front/spike-monitor.js';
export type { PoissonSourceOptions, SpikeSourceOptions } from './network/front/spike-sources.js';
export { StateMonitor, type StateMonitorOptions } from './network/front/state-monitor.js';
export { MAX_DELAY_STEPS } from './network/kernel/contract.js';
export { Network, type NetworkRunOptions, type RunDuration } from './network/network.js';
// Synapse models as data, per-synapse values and delays.
export { compileSynapse } from './network/synapse/compile.js';
export { delayToSteps } from './network/synapse/delay.js';
export { DelayError } from './network/synapse/delay-error.js';
export { formatDeliveryProgram, formatDeliveryStatement } from './network/synapse/format.js';
export type { SynapseSpec, SynapseTarget, SynapseVariableSpec } from './network/synapse/spec.js';
export { type SynapseValuesOptions, synapseValues } from './network/synapse/values.js';
// Running populations.
export {
  type ELIFParameters,
  ELIFPopulation,
  type ELIFPopulationOptions,
} from './population/elif-population.js';
export type { InitialState } from './population/initial-state.js';
export type { RunInput, StepInput } from './population/input.js';
export { DEFAULT_MEMORY_LIMIT_BYTES, MAX_TYPED_ARRAY_LENGTH } from './population/memory.js';
export { checkParameters, type ParameterInput, type ParametersOf } from './population/parameters.js';
export {
  Population,
  type PopulationOptions,
  type RunOptions,
  type RunResult,
  StateError,
} from './population/population.js';
export {
  REPLAY_ALWAYS_BYTES,
  REPLAY_MIN_STEPS,
  REPLAY_SNAPSHOT_LIMIT_BYTES,
} from './population/replay.js';
export { DEFAULT_REFRACTORY_MODE, REFRACTORY_MODES, type RefractoryMode } from './program/build.js';
export { DEFAULT_INTEGRATOR, INTEGRATOR_NAMES } from './program/integrators.js';
// Reproducible randomness: counter-based draws, pure functions of (seed, stream, step, index).
export { MAX_DRAW_INDEX, MAX_RANDOM_SEED } from './random/draw-address.js';
export {
  drawIntegerBelow,
  drawNormal,
  drawUniform,
  drawUniformBetween,
  fillNormal,
  fillUniform,
} from './random/draws.js';
export { RandomArgumentError } from './random/random-argument-error.js';
