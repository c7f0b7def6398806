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
  WorkerError,
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
export { FailedRunGuard } from './kernel/failed-run-guard.js';
export { kernelParameters } from './kernel/kernel-parameters.js';
export {
  driveRun,
  inputBlock,
  type RunCall,
  type RunDriverOptions,
  recordStep,
  stepsPerInputChunk,
  stepsToNextRecording,
} from './kernel/run-driver.js';
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
export {
  type InterpreterBackend,
  type InterpreterBackendOptions,
  InterpreterKernel,
  interpreterBackend,
  type StatementEvent,
} from './reference/interpreter-backend.js';
export { type ColumnRange, partitionColumns } from './threads/partition.js';
export { awaitDispatches, maxThreads, resolveThreads } from './threads/thread-options.js';
export {
  canBlockThread,
  requireSharedMemory,
  WorkerTeam,
  type WorkerTeamOptions,
} from './threads/worker-team.js';
