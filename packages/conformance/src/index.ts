export { check, checkClose, checkEqual, checkIdentical, checkThrows, SuiteFailure } from './assert.js';
export { ELIF_DEFAULTS, elifEulerStep, interSpikeIntervals } from './cases/elif-formula.js';
export { type DescribeConformanceOptions, describeConformance } from './describe-conformance.js';
export { describeFastModeAgreement, type FastModeTarget } from './fast-mode-agreement.js';
export { formatMatrix } from './matrix/format-matrix.js';
export { CHECKS, type ConformanceRequest, runConformance, spanning } from './matrix/run-conformance.js';
export type {
  Cell,
  CellStatus,
  Check,
  CheckOptions,
  ConformanceColumn,
  ConformanceReport,
  MatrixOptions,
  Row,
} from './matrix/types.js';
export { FAULTS, type Fault, faultyBackend } from './mutants.js';
export { describeAfterSpikeOnSpikes } from './network/after-spike-on-spikes.js';
export {
  type AgreementFigures,
  compareFeedforward,
  cubaStatistics,
  cubaTolerances,
  describeBrian2NetworkAgreement,
  FEEDFORWARD_FLOAT32_TOLERANCE,
  FEEDFORWARD_FLOAT64_TOLERANCE,
} from './network/brian2-agreement.js';
export {
  type CubaReference,
  type CubaRun,
  type CubaStatistics,
  cubaPairs,
  type FeedforwardReference,
  loadCubaReference,
  loadFeedforwardReference,
  type Provenance,
} from './network/brian2-references.js';
export { NETWORK_CASES, type NetworkCase } from './network/network-cases.js';
export { COUNTER_NEURON, FEEDFORWARD_NEURON, TALLY_NEURON } from './network/network-models.js';
export {
  faultyNetworkBackend,
  NETWORK_FAULTS,
  type NetworkFault,
} from './network/network-mutants.js';
export { describeNetworkConformance, runNetworkCase } from './network/network-suite.js';
export type { Recorded } from './network/recorded.js';
export {
  firstDivergentStep,
  type PopulationStatistics,
  populationStatistics,
  type SpikeList,
  type StatisticsWindow,
} from './network/spike-statistics.js';
export { seededRandom } from './random.js';
export { compareWithReference, problemsOf, type ReferenceComparison } from './reference-comparison.js';
export {
  flatInput,
  fromJsonNumber,
  loadReferenceTrace,
  REFERENCE_IMPLEMENTATIONS,
  REFERENCE_SCENARIOS,
  type ReferenceName,
  type ReferenceScenario,
  type ReferenceTrace,
  referencePopulationOptions,
} from './reference-traces.js';
export { differingRunKinds, exerciseRunKinds, exerciseRunKindsAsync } from './run-kinds.js';
export { SPAN_NEURONS, spanningBackend } from './spanning-backend.js';
export { compareSpikes, type SpikeComparison, spikeEvents } from './spike-match.js';
export { runCase, SUITE_CASES } from './suite.js';
export type { CaseContext, SuiteCase } from './suite-types.js';
export type { ConformanceTarget, SuiteRunner } from './target.js';
export { describeThreadAgreement, type ThreadedTarget } from './thread-agreement.js';
export { NUMPY_FLOAT64_V_TOLERANCE, SEED_FLOAT32_V_TOLERANCE, voltageTolerance } from './tolerance.js';
export { ulpDistance, ulpOf } from './ulps.js';
export {
  describeWorkerFailures,
  faultyHandler,
  type InjectedWorkerFault,
  type ThreadOptions,
  type TimedRunner,
  type WorkerFailureTarget,
} from './worker-failures.js';
