import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Rate } from './measure.js';

const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'scripts', 'brian2_elif.py');

/** A Python that imports brian2 (Debian's python3-brian installs into /usr/bin/python3), or null. */
export function findBrian2Python(): string | null {
  for (const python of ['python3', '/usr/bin/python3']) {
    const probe = spawnSync(python, ['-c', 'import brian2'], { encoding: 'utf8' });
    if (probe.status === 0) return python;
  }
  return null;
}

/**
 * Neuron-updates per second of ELIF in Brian2's cpp_standalone target: compiled once (not timed), run `reps`
 * times; the median and range.
 */
export function runBrian2(python: string, n: number, steps: number, threads: number, reps: number): Rate {
  const result = spawnSync(
    python,
    [
      SCRIPT,
      '--n',
      String(n),
      '--steps',
      String(steps),
      '--threads',
      String(threads),
      '--reps',
      String(reps),
    ],
    {
      encoding: 'utf8',
      timeout: 15 * 60 * 1000,
    },
  );
  const last = result.stdout?.trim().split('\n').pop() ?? '';
  if (result.status !== 0 || !last.startsWith('{')) {
    throw new Error(
      `Brian2 run failed (n = ${n}): ${result.stderr?.trim().split('\n').slice(-3).join(' ') || result.error?.message}`,
    );
  }
  const measured = JSON.parse(last) as { updates_per_second: number; min: number; max: number };
  return { median: measured.updates_per_second, min: measured.min, max: measured.max };
}
