/** Where the CLI writes and what it knows of its surroundings; tests pass their own to run it in-process. */
export interface CliIo {
  /** Where results go. */
  stdout: {
    /** Writes a piece of output as it is. */
    write(text: string): unknown;
  };
  /** Where warnings, errors and progress go; `isTTY` and `columns` shape the progress bar. */
  stderr: {
    /** Writes a piece of output as it is. */
    write(text: string): unknown;
    isTTY?: boolean;
    columns?: number;
  };
  /** Directory that relative paths on the command line are resolved against. */
  cwd: string;
}

/**
 * The real process: relative paths resolve against its working directory, as in any command. Not INIT_CWD:
 * a package script run from elsewhere, or a shell that inherited it, would read and write in another folder.
 * The repository's own `pnpm synapticflow` script moves to INIT_CWD itself before running the CLI.
 */
export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() };
}
