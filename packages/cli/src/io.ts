/** Where the CLI writes and what it knows of its surroundings; tests pass their own to run it in-process. */
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  /** Directory that relative paths on the command line are resolved against. */
  cwd: string;
}

/** The real process: relative paths resolve where the user ran the command (pnpm sets INIT_CWD to it). */
export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, cwd: process.env.INIT_CWD || process.cwd() };
}
