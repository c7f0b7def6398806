import { SynapticFlowError } from '@synapticflow/core';

/**
 * A scenario that does not describe a valid run. `path` names the field, e.g. `scenario.input.constant[3]`;
 * `file`, when known, the scenario file.
 */
export class ScenarioError extends SynapticFlowError {
  readonly path: string;
  readonly detail: string;
  readonly file: string | undefined;
  constructor(path: string, detail: string, file?: string) {
    super('SCENARIO', `${file === undefined ? '' : `${file}: `}${path}: ${detail}`);
    this.path = path;
    this.detail = detail;
    this.file = file;
  }
}

/**
 * A mistake on the command line (unknown command or flag, bad flag value); the CLI exits with code 2.
 * `command` names the subcommand whose usage was broken, so the hint can point at its help.
 */
export class UsageError extends SynapticFlowError {
  readonly command: string | undefined;
  constructor(message: string, command?: string) {
    super('USAGE', message);
    this.command = command;
  }
}

/** A file the CLI could not read or write. */
export class FileError extends SynapticFlowError {
  constructor(message: string) {
    super('FILE', message);
  }
}

/** A recording that would not fit in memory; the message says how much it needs and what to change. */
export class RecordingTooLargeError extends SynapticFlowError {
  readonly bytes: number;
  constructor(message: string, bytes: number) {
    super('RECORDING_TOO_LARGE', message);
    this.bytes = bytes;
  }
}

/** A backend whose package (an optional peer of the CLI) is not installed; names what to install. */
export class MissingBackendError extends SynapticFlowError {
  readonly backend: string;
  readonly packages: readonly string[];
  constructor(backend: string, packages: readonly string[]) {
    super(
      'BACKEND_NOT_INSTALLED',
      `backend "${backend}" needs ${packages.join(' and ')}, not installed here; ` +
        `install with: npm install ${packages.join(' ')}`,
    );
    this.backend = backend;
    this.packages = packages;
  }
}
