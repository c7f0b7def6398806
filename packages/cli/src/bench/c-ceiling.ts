import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Rate } from './measure.js';

const SOURCE = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'scripts', 'elif_ceiling.c');
const FLAGS = ['-O3', '-ffast-math', '-march=native'];

/** Rows of the C ceiling start with this. */
export const C_CEILING = 'hand-written C, -O3 -ffast-math';

/** The built ceiling: its binary and whether OpenMP splits it over threads. */
export interface CeilingBinary {
  path: string;
  openmp: boolean;
}

/** Builds scripts/elif_ceiling.c with `cc`, with OpenMP where the compiler has it; null where `cc` fails. */
export function buildCeiling(): CeilingBinary | null {
  const path = join(mkdtempSync(join(tmpdir(), 'synapticflow-ceiling-')), 'elif_ceiling');
  for (const openmp of [true, false]) {
    const flags = [...FLAGS, ...(openmp ? ['-fopenmp'] : []), '-o', path, SOURCE, '-lm'];
    const built = spawnSync('cc', flags, { encoding: 'utf8' });
    if (built.status === 0) return { path, openmp };
  }
  rmSync(dirname(path), { recursive: true, force: true });
  return null;
}

/** Removes the built ceiling's temporary folder. */
export function removeCeiling(binary: CeilingBinary): void {
  rmSync(dirname(binary.path), { recursive: true, force: true });
}

/** Runs the ceiling (after its own warm-up run) and reads its median and range; a failure says why. */
export function runCeiling(
  binary: CeilingBinary,
  request: { n: number; steps: number; reps: number; threads: number },
): { rate: Rate } | { failure: string } {
  if (request.threads > 1 && !binary.openmp) return { failure: 'cc has no OpenMP, so one thread only' };
  const run = spawnSync(binary.path, [request.n, request.steps, request.reps].map(String), {
    encoding: 'utf8',
    env: { ...process.env, OMP_NUM_THREADS: String(request.threads), OMP_PROC_BIND: 'false' },
  });
  const match = /^rate (\S+) (\S+) (\S+)$/m.exec(run.stdout ?? '');
  if (run.status !== 0 || !match) return { failure: `exit ${run.status}: ${(run.stderr ?? '').trim()}` };
  const [median, min, max] = match.slice(1).map(Number) as [number, number, number];
  return { rate: { median, min, max } };
}
