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
  return withCaret(`model "${location.model}", ${location.field}: ${detail}`, location);
}

/** `head`, then, where the location has a source and an offset, the column, the source and a caret under it. */
function withCaret(head: string, location: { source?: string; offset?: number }): string {
  if (location.source === undefined || location.offset === undefined) return head;
  const offset = Math.min(Math.max(location.offset, 0), location.source.length);
  return `${head} at column ${offset + 1}\n  ${location.source}\n  ${' '.repeat(offset)}^`;
}

/** Where in a synapse spec (or a per-synapse value expression) a problem sits. */
export interface SynapseSpecLocation {
  /** The synapse model's name, where it has one. */
  synapse?: string;
  /** `onPre`, `onPre statement 2`, `variables.u`, `expression for w`, ... */
  field: string;
  /** The statement or expression text the offset points into. */
  source?: string;
  /** 0-based offset into `source`. */
  offset?: number;
}

/**
 * A malformed synapse spec: an `onPre` statement that does not parse, names an unknown variable or writes a
 * constant, or a per-synapse value expression that cannot be evaluated. The message shows the statement with
 * a caret under the spot.
 */
export class SynapseSpecError extends SynapticFlowError {
  readonly synapse: string | undefined;
  readonly field: string;
  readonly source: string | undefined;
  /** 1-based column in `source`. */
  readonly column: number | undefined;
  readonly detail: string;
  constructor(location: SynapseSpecLocation, detail: string) {
    const head =
      location.synapse === undefined ? location.field : `synapse "${location.synapse}", ${location.field}`;
    super('SYNAPSE_SPEC', withCaret(`${head}: ${detail}`, location));
    this.synapse = location.synapse;
    this.field = location.field;
    this.source = location.source;
    this.detail = detail;
    this.column = location.offset === undefined ? undefined : location.offset + 1;
  }
}

/**
 * Which value of a population's options was wrong, for tools that report it in their own terms (the CLI
 * writes `{ field: 'params', name: 'tau', index: 3 }` as `scenario.params.tau[3]`).
 */
export interface ValuePath {
  /** `params` (spike-trace parameters `traceTau`/`traceScale` included), `init`, or `state` (`writeState`). */
  field: 'params' | 'init' | 'state';
  /** The parameter or state variable. */
  name: string;
  /** The element of an array of values, where one element is wrong; absent where the whole value is. */
  index?: number;
}

/**
 * An invalid population option or parameter value (`tau <= 0`, wrong per-neuron length, NaN, ...). `path`
 * names the value where one parameter or `init` entry is at fault.
 */
export class ParameterError extends SynapticFlowError {
  readonly path: ValuePath | undefined;
  constructor(message: string, path?: ValuePath) {
    super('PARAMETER', message);
    this.path = path;
  }
}

/** An input current of the wrong length or with non-finite values, or a bad `writeState` value (`path`). */
export class InputError extends SynapticFlowError {
  readonly path: ValuePath | undefined;
  constructor(message: string, path?: ValuePath) {
    super('INPUT', message);
    this.path = path;
  }
}

/** A backend cannot do what was asked: unknown backend, unsupported dtype, synchronous read on an async backend. */
export class BackendError extends SynapticFlowError {
  constructor(message: string) {
    super('BACKEND', message);
  }
}

/** A population or network was used after `dispose()`. */
export class DisposedError extends SynapticFlowError {
  constructor(what: string, remedy = 'create a new population instead') {
    super('DISPOSED', `${what} was disposed; ${remedy}`);
  }
}

/**
 * A call reached a population or network while another call on it was still running: a second `runAsync`
 * before the first settled, or `reset`/`dispose`/`setBatchSize`/`run` from inside a run's input function or
 * progress callback. Await the running call first (or do the work after it returns).
 */
export class BusyError extends SynapticFlowError {
  constructor(what: string, running: string, owner = 'this population') {
    super('BUSY', `${what} was called while ${running} is still running on ${owner}; await it first`);
  }
}

/**
 * A run failed inside the backend (not in the user's input function), so some neurons may have advanced and
 * others not. Every later call raises this until `reset()` restores the initial state.
 */
export class BrokenPopulationError extends SynapticFlowError {
  /** The failure that broke the population. */
  override readonly cause: unknown;
  constructor(what: string, cause: unknown) {
    const reason = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
    super(
      'BROKEN',
      `${what}: an earlier run failed inside the backend (${reason}), leaving the state partly advanced; ` +
        'call reset() to start again from the initial state',
    );
    this.cause = cause;
  }
}

/** A population or run would need more memory than the limit allows (or more than a typed array can hold). */
export class MemoryLimitError extends SynapticFlowError {
  readonly bytes: number;
  readonly limit: number;
  constructor(message: string, bytes: number, limit: number) {
    super('MEMORY', message);
    this.bytes = bytes;
    this.limit = limit;
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

/**
 * A network was built or used wrongly: a group of another network, groups added after the network was built,
 * a spike source's rate or spike list out of range, a monitor of something that cannot be recorded, a
 * per-synapse value of the wrong length, or a backend that does not run networks.
 */
export class NetworkError extends SynapticFlowError {
  constructor(message: string) {
    super('NETWORK', message);
  }
}
