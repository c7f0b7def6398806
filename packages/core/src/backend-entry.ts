/**
 * `@synapticflow/core/backend`: the contract a compute backend implements and the helpers backends share
 * (expressions, the step program, JavaScript code generation, worker threads). A backend needs nothing from
 * core beyond this entry and the errors of `@synapticflow/core`. Every export here is listed in
 * api/backend.api.txt (see api-report.test.ts).
 */

// The contract.
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
// Expressions: the tree, its constructors and walks, parsing, printing and scalar evaluation.
export {
  type BinaryNode,
  type BinaryOp,
  type BooleanNode,
  binary,
  type CallNode,
  call,
  children,
  type Expr,
  type IdentifierNode,
  ident,
  identifiersOf,
  mapChildren,
  type NumberNode,
  num,
  type SelectNode,
  type Span,
  select,
  substitute,
  type UnaryNode,
  type UnaryOp,
  unary,
} from './expr/ast.js';
export {
  type Arithmetic,
  evaluate,
  FLOAT32_ARITHMETIC,
  FLOAT64_ARITHMETIC,
  type Scalar,
} from './expr/evaluate.js';
export { formatExpression } from './expr/format.js';
export { FUNCTIONS, RESERVED_NAMES } from './expr/functions.js';
export { measureExpression } from './expr/limits.js';
export { parseExpression } from './expr/parser.js';
// Running a kernel: chunking by recordings and input, parameter values per dtype, refusing runs after a failure.
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
// The step program a backend compiles.
export { PROGRAM_STATE_NAMES } from './model/features.js';
export { compileJsDelivery } from './network/delivery/compile-js-delivery.js';
// Networks: the plan a backend turns into a network kernel, and the phased population kernel inside it.
export {
  type DeliverEvents,
  type DeliveryProgram,
  type DeliveryRequest,
  type DeliveryStatement,
  MAX_DELAY_STEPS,
  type NetworkKernel,
  type NetworkPlan,
  type NetworkRunnerParts,
  type NetworkRunRequest,
  type PhasedProgram,
  type PhaseKernel,
  type PhaseKernelGroup,
  type PhaseKernelRequest,
  type PlanGroup,
  type PlanPoissonSource,
  type PlanPopulation,
  type PlanProjection,
  type PlanSpikeTrains,
  type SpikeSink,
  type StateProbe,
} from './network/kernel/contract.js';
export { NetworkRunner } from './network/runtime/network-runner.js';
export {
  type KeyRange,
  type SharedNumbers,
  SPLIT_DELIVERY_WORKER_CALL,
  SPLIT_DELIVERY_WORKER_SETUP,
  type SplitDeliveryPlan,
  type SplitProjection,
  splitDeliveryObstacle,
  type TargetOwnership,
  TargetSplitDelivery,
} from './network/runtime/split-delivery.js';
export {
  buildProgram,
  type ProgramOptions,
  type RefractoryMode,
} from './program/build.js';
export { euler, INTEGRATORS, type Integrator, type IntegratorContext } from './program/integrators.js';
// JavaScript code generation, shared by the backends that emit JavaScript.
export {
  emitJsExpression,
  JS_MATH_PRELUDE,
  jsNumberLiteral,
  type SymbolNames,
} from './program/javascript/emit-expression.js';
export {
  checkedIdentifier,
  checkProgramIdentifiers,
  SAFE_IDENTIFIER,
} from './program/javascript/safe-identifiers.js';
// Optimisation passes over the step program: each backend runs the ones its arithmetic allows.
export {
  type FastArithmetic,
  type FastArithmeticOptions,
  fastArithmetic,
} from './program/passes/fast-arithmetic.js';
export { type FoldOptions, foldConstants } from './program/passes/fold-constants.js';
export { optimizeStatements, type ProgramPasses } from './program/passes/pipeline.js';
export {
  type HoistedReciprocals,
  hoistReciprocals,
  type ReciprocalOptions,
  reciprocalName,
} from './program/passes/reciprocals.js';
export type { DerivedParameter, ProgramState, Statement, StepProgram } from './program/program.js';
export { splitAtSpikes } from './program/split-at-spikes.js';
export { type StateUsage, stateUsage } from './program/state-usage.js';

// The counter-based generator behind core's random draws, for kernels that draw on their own.
export { PHILOX_ROUNDS, philox4x32 } from './random/philox.js';
// Worker threads over shared memory.
export { type ColumnRange, partitionColumns } from './threads/partition.js';
export { PHASE_COMMAND, PhaseChannel, type PhaseJobCalls, phaseJobSource } from './threads/phase-channel.js';
export { awaitDispatches, maxThreads, resolveThreads } from './threads/thread-options.js';
export {
  canBlockThread,
  requireSharedMemory,
  WorkerTeam,
  type WorkerTeamOptions,
} from './threads/worker-team.js';
