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

/**
 * The same C loop held to what WebAssembly SIMD on Node 20 has: 128-bit vectors, no fused multiply-add, and
 * (without AVX-512) 16 vector registers. An x86 reference row, not the ceiling: where the compiler refuses
 * the flags (another architecture) it is left out.
 */
export const C_AT_WASM_WIDTH = 'hand-written C at wasm SIMD width (128-bit, no FMA)';
const WASM_WIDTH_FLAGS = ['-mprefer-vector-width=128', '-mno-fma', '-mno-avx512f'];

/** The C builds the bench runs: the ceiling, then the same loop at wasm's width. */
export const C_BUILDS = [
  { label: C_CEILING, flags: [] as string[] },
  { label: C_AT_WASM_WIDTH, flags: WASM_WIDTH_FLAGS },
] as const;

/** The built ceiling: its binary and whether OpenMP splits it over threads. */
export interface CeilingBinary {
  path: string;
  openmp: boolean;
}

/**
 * Builds scripts/elif_ceiling.c with `cc` (and `extraFlags`), with OpenMP where the compiler has it; null where
 * `cc` fails.
 */
export function buildCeiling(extraFlags: readonly string[] = []): CeilingBinary | null {
  const path = join(mkdtempSync(join(tmpdir(), 'synapticflow-ceiling-')), 'elif_ceiling');
  for (const openmp of [true, false]) {
    const flags = [...FLAGS, ...extraFlags, ...(openmp ? ['-fopenmp'] : []), '-o', path, SOURCE, '-lm'];
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
