import { realpathSync } from 'node:fs';
import { UsageError } from '../errors.js';

/** Refuses an `--out` that names one of the command's input files, which writing the trace would destroy. */
export function checkOutPath(
  out: { path: string; shownAs: string },
  inputs: readonly { path: string; flag: string }[],
  command: string,
): void {
  const target = canonical(out.path);
  for (const input of inputs) {
    if (canonical(input.path) !== target) continue;
    throw new UsageError(
      `--out "${out.shownAs}" is the ${input.flag}; writing the trace would overwrite it. Choose another file, e.g. --out trace.json`,
      command,
    );
  }
}

/** The path with links resolved where it exists, so two names for one file compare equal. */
function canonical(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
