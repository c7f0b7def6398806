/**
 * `@synapticflow/core/reference`: the float64 interpreter that evaluates a step program statement by
 * statement. Slow and obviously correct, it is the oracle the conformance suite checks backends against.
 * Every export here is listed in api/reference.api.txt (see api-report.test.ts).
 */
export {
  type InterpreterBackend,
  type InterpreterBackendOptions,
  type InterpreterKernel,
  interpreterBackend,
  type StatementEvent,
} from './reference/interpreter-backend.js';
