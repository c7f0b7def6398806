export { BACKEND_NAMES, BACKENDS, createBackend } from './backends.js';
export { chunkSteps } from './chunks.js';
export { FileError, ScenarioError, UsageError } from './errors.js';
export type { CliIo } from './io.js';
export { main } from './main.js';
export type {
  GroupResult,
  GroupSpikes,
  NetworkSimulation,
  ProjectionResult,
  StateResult,
} from './network/network-simulation.js';
export { type LoadedNetworkScenario, loadNetworkScenario } from './network/parse-network-scenario.js';
export { type NetworkSimulateOptions, simulateNetwork } from './network/run-network.js';
export { applyOverrides, type ScenarioOverrides } from './scenario/apply-overrides.js';
export { MODEL_NAMES, resolveModel, type ScenarioModel } from './scenario/models.js';
export { type LoadedScenario, loadScenario, parseScenario } from './scenario/parse-scenario.js';
export { readModelArgument, readModelFile, readScenarioFile } from './scenario/read-scenario-file.js';
export {
  INTEGRATOR_NAMES,
  type IntegratorName,
  type Linspace,
  type RecordedVariable,
  type Scenario,
  type ScenarioInput,
  type ScenarioParameter,
} from './scenario/scenario.js';
export type { NetworkPopulationScenario, NetworkScenario } from './scenario/schema.js';
export { flattenInput, linspace } from './scenario/to-input.js';
export { createPopulation } from './scenario/to-population.js';
export { SCENARIO_SCHEMA_PATH, TRACE_SCHEMA_PATH } from './schemas.js';
export { type SimulateOptions, type Simulation, simulateScenario } from './simulate.js';
export { formatSummary } from './summary.js';
export { fromJsonNumber, type JsonNumber, toJsonNumber } from './trace/json-numbers.js';
export { formatTrace, type TraceFile, traceOf } from './trace/to-trace.js';
