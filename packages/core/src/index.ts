export type {
  Backend,
  Dtype,
  FloatArray,
  Kernel,
  KernelInput,
  KernelRequest,
  ParameterValue,
  Recording,
  RunRequest,
  StateArray,
} from './backend.js';
export { DTYPES, nextRecordedStep } from './backend.js';
export {
  BackendError,
  DisposedError,
  InputError,
  ModelSpecError,
  ParameterError,
  type SpecLocation,
  SynapticFlowError,
} from './errors.js';
export * from './expr/ast.js';
export {
  type Arithmetic,
  evaluate,
  FLOAT32_ARITHMETIC,
  FLOAT64_ARITHMETIC,
  type Scalar,
} from './expr/evaluate.js';
export { formatExpression } from './expr/format.js';
export { FUNCTIONS, RESERVED_NAMES } from './expr/functions.js';
export { parseExpression } from './expr/parser.js';
export { defineModel } from './model/define.js';
export { FEATURE_PARAMETERS, PROGRAM_STATE_NAMES } from './model/features.js';
export {
  ADAPTIVE_LIF_MODEL,
  ADEX_MODEL,
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
export { SPEC_FIELDS } from './model/spec-fields.js';
export { type Assignment, type ValidatedModel, validateModel } from './model/validate.js';
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
export {
  type ELIFParameters,
  ELIFPopulation,
  type ELIFPopulationOptions,
} from './population/elif-population.js';
export type { RunInput, StepInput } from './population/input.js';
export type { ParameterInput } from './population/parameters.js';
export {
  Population,
  type PopulationOptions,
  type RunOptions,
  type RunResult,
  StateError,
} from './population/population.js';
export {
  buildProgram,
  type ProgramOptions,
  type RefractoryMode,
} from './program/build.js';
export { euler, INTEGRATORS, type Integrator, type IntegratorContext } from './program/integrators.js';
export {
  emitJsExpression,
  JS_MATH_PRELUDE,
  jsNumberLiteral,
  type SymbolNames,
} from './program/javascript/emit-expression.js';
export { inlineSingleUseLets } from './program/javascript/inline-lets.js';
export type { DerivedParameter, ProgramState, Statement, StepProgram } from './program/program.js';
export { type StateUsage, stateUsage } from './program/state-usage.js';
export { MAX_DRAW_INDEX, MAX_RANDOM_SEED } from './random/draw-address.js';
export {
  drawIntegerBelow,
  drawNormal,
  drawUniform,
  drawUniformBetween,
  fillNormal,
  fillUniform,
} from './random/draws.js';
export { PHILOX_ROUNDS, philox4x32 } from './random/philox.js';
export { RandomArgumentError } from './random/random-argument-error.js';
export {
  type InterpreterBackend,
  type InterpreterBackendOptions,
  InterpreterKernel,
  interpreterBackend,
  type StatementEvent,
} from './reference/interpreter-backend.js';
export { type ColumnRange, partitionColumns } from './threads/partition.js';
export { awaitDispatches, resolveThreads } from './threads/thread-options.js';
export {
  canBlockThread,
  requireSharedMemory,
  WorkerTeam,
  type WorkerTeamOptions,
} from './threads/worker-team.js';
