export { check, checkClose, checkEqual, checkIdentical, checkThrows, SuiteFailure } from './assert.js';
export { ELIF_DEFAULTS, elifEulerStep, interSpikeIntervals } from './cases/elif-formula.js';
export {
  flatInput,
  fromJsonNumber,
  loadReferenceTrace,
  REFERENCE_IMPLEMENTATIONS,
  REFERENCE_SCENARIOS,
  type ReferenceName,
  type ReferenceScenario,
  type ReferenceTrace,
} from './reference-traces.js';
export { compareSpikes, type SpikeComparison, spikeEvents } from './spike-match.js';
export { describeBackendSuite, runCase, SUITE_CASES } from './suite.js';
export type { BackendTarget, CaseContext, SuiteCase, SuiteRunner } from './suite-types.js';
export { NUMPY_FLOAT64_V_TOLERANCE, SEED_FLOAT32_V_TOLERANCE, voltageTolerance } from './tolerance.js';
