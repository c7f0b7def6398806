/** Base class of every error the framework raises on purpose; `code` is stable for programs to match on. */
export class SynapticFlowError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}

/** Where in a model spec a problem sits: the model, the field and, for expressions, the column. */
export interface SpecLocation {
  model: string;
  field: string;
  source?: string;
  /** 0-based offset into `source`. */
  offset?: number;
}

/** A malformed or inconsistent model spec. The message shows the source line with a caret under the spot. */
export class ModelSpecError extends SynapticFlowError {
  readonly model: string;
  readonly field: string;
  readonly column: number | undefined;
  readonly detail: string;
  constructor(location: SpecLocation, detail: string) {
    super('MODEL_SPEC', formatSpecMessage(location, detail));
    this.model = location.model;
    this.field = location.field;
    this.detail = detail;
    this.column = location.offset === undefined ? undefined : location.offset + 1;
  }
}

function formatSpecMessage(location: SpecLocation, detail: string): string {
  const head = `model "${location.model}", ${location.field}: ${detail}`;
  if (location.source === undefined || location.offset === undefined) return head;
  const offset = Math.min(Math.max(location.offset, 0), location.source.length);
  return `${head} at column ${offset + 1}\n  ${location.source}\n  ${' '.repeat(offset)}^`;
}

/** An invalid population option or parameter value (`tau <= 0`, wrong per-neuron length, NaN, ...). */
export class ParameterError extends SynapticFlowError {
  constructor(message: string) {
    super('PARAMETER', message);
  }
}

/** An input current of the wrong length or with non-finite values. */
export class InputError extends SynapticFlowError {
  constructor(message: string) {
    super('INPUT', message);
  }
}

/** A backend cannot do what was asked: unknown backend, unsupported dtype, synchronous read on an async backend. */
export class BackendError extends SynapticFlowError {
  constructor(message: string) {
    super('BACKEND', message);
  }
}

/** A population was used after `dispose()`. */
export class DisposedError extends SynapticFlowError {
  constructor(what: string) {
    super('DISPOSED', `${what} was disposed; create a new population instead`);
  }
}

/**
 * A worker thread of a threaded backend failed (threw, or exited) during a run, or a kernel refuses to run on
 * the half-advanced state such a failure left behind until that state is written again.
 */
export class WorkerError extends SynapticFlowError {
  constructor(message: string) {
    super('WORKER', message);
  }
}
