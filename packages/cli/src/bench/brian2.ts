import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Dtype } from '@synapticflow/core';
import type { Rate } from './measure.js';

const SCRIPTS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'scripts');
const SCRIPT = join(SCRIPTS, 'brian2_elif.py');
const CUBA_SCRIPT = join(SCRIPTS, 'brian2_cuba.py');

/** A Python that imports brian2 (Debian's python3-brian installs into /usr/bin/python3), or null. */
export function findBrian2Python(): string | null {
  for (const python of ['python3', '/usr/bin/python3']) {
    const probe = spawnSync(python, ['-c', 'import brian2'], { encoding: 'utf8' });
    if (probe.status === 0) return python;
  }
  return null;
}

export interface Brian2Request {
  n: number;
  steps: number;
  threads: number;
  reps: number;
  dtype: Dtype;
  timeoutSeconds: number;
}

/** A measured rate, or why there is none (timed out, or the cause Python gave). */
export type Brian2Result = { rate: Rate } | { failure: string };

/**
 * Neuron-updates per second of ELIF in Brian2's cpp_standalone target: compiled once (not timed), run `reps`
 * times; the median and range. Python, its compiler and the compiled program run in their own process group,
 * so a run past `timeoutSeconds` is stopped with all of them; the build folder is removed either way.
 */
export async function runBrian2(python: string, request: Brian2Request): Promise<Brian2Result> {
  const args = ['--dtype', request.dtype];
  for (const name of ['n', 'steps', 'threads', 'reps'] as const)
    args.push(`--${name}`, String(request[name]));
  const result = await runScript(python, SCRIPT, args, request.timeoutSeconds);
  if ('failure' in result) return result;
  const measured = result.json as { updates_per_second: number; min: number; max: number };
  return { rate: { median: measured.updates_per_second, min: measured.min, max: measured.max } };
}

export interface Brian2CubaRequest {
  n: number;
  probability: number;
  connector: 'fixed-probability' | 'fixed-in-degree';
  /** Biological time, ms. */
  duration: number;
  threads: number;
  reps: number;
  dtype: Dtype;
  timeoutSeconds: number;
}

/** What scripts/brian2_cuba.py prints: the run's wall time and what the last run did. */
export interface Brian2CubaMeasurement {
  seconds: number;
  min: number;
  max: number;
  neurons: number;
  steps: number;
  spikes: number;
  synapses: number;
  events: number;
}

/**
 * The CUBA network in Brian2's cpp_standalone target, in the request's dtype: compiled once (not timed),
 * run `reps` times, each run timed by Brian2 (synapse creation excluded). Stopped past `timeoutSeconds`.
 */
export async function runBrian2Cuba(
  python: string,
  request: Brian2CubaRequest,
): Promise<{ measured: Brian2CubaMeasurement } | { failure: string }> {
  const args = ['--n', request.n, '--p', request.probability, '--duration', request.duration];
  args.push('--threads', request.threads, '--reps', request.reps, '--dtype', request.dtype);
  if (request.connector === 'fixed-in-degree') args.push('--fixed-in-degree');
  const result = await runScript(python, CUBA_SCRIPT, args.map(String), request.timeoutSeconds);
  return 'failure' in result ? result : { measured: result.json as Brian2CubaMeasurement };
}

/** Runs a Brian2 script in a build folder of its own and reads the JSON on its last line of output. */
async function runScript(
  python: string,
  script: string,
  args: string[],
  timeoutSeconds: number,
): Promise<{ json: unknown } | { failure: string }> {
  const directory = await mkdtemp(join(tmpdir(), 'synapticflow-brian2-'));
  try {
    // Brian2 writes a debug log and a copy of the script to the temporary folder as it starts and removes them
    // only on a clean exit: in the build folder, a stopped run's copies go with it.
    const run = await runInGroup(python, [script, '--directory', directory, ...args], timeoutSeconds * 1000, {
      ...process.env,
      TMPDIR: directory,
    });
    if (run.timedOut) {
      return {
        failure: `timed out after ${timeoutSeconds} s and was stopped (raise --brian2-timeout to wait longer)`,
      };
    }
    const last = run.stdout.trim().split('\n').pop() ?? '';
    if (run.code !== 0 || !last.startsWith('{')) {
      return { failure: `failed (exit ${run.code ?? run.signal}): ${causeOf(run.stderr)}` };
    }
    return { json: JSON.parse(last) };
  } finally {
    await rm(directory, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  }
}

/**
 * The line of Python's output that says what went wrong: the exception after a traceback, else the last line
 * that is not a warning (Brian2 prints many warnings before an error).
 */
export function causeOf(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const traceback = lines.map((line) => line.startsWith('Traceback')).lastIndexOf(true);
  if (traceback >= 0) return lines[lines.length - 1]!;
  const notWarnings = lines.filter((line) => !/warn/i.test(line));
  return notWarnings[notWarnings.length - 1] ?? 'no error message';
}

interface GroupRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** Runs a command as the leader of a new process group; a timeout or a signal to this process ends the group. */
async function runInGroup(
  command: string,
  args: string[],
  timeoutMs: number,
  env: NodeJS.ProcessEnv,
): Promise<GroupRun> {
  const child = spawn(command, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env });
  const group = child.pid;
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (data) => (stdout += data));
  child.stderr.on('data', (data) => (stderr += data));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup(group);
  }, timeoutMs);
  // A detached group gets no Ctrl-C from the terminal: pass it on, then end as the signal would have.
  const onSignal = (signal: NodeJS.Signals) => {
    killGroup(group);
    process.kill(process.pid, signal);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (code, signal) => resolve([code, signal]));
    });
    return { code, signal, stdout, stderr, timedOut };
  } finally {
    clearTimeout(timer);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    // Whatever the leader did, nothing it started outlives the run.
    killGroup(group);
    await groupGone(group);
  }
}

function killGroup(group: number | undefined): void {
  if (group === undefined) return;
  try {
    process.kill(-group, 'SIGKILL');
  } catch {
    // The group has already ended.
  }
}

/** Waits (up to 5 s) until no process of the group is left. */
async function groupGone(group: number | undefined): Promise<void> {
  if (group === undefined) return;
  for (let i = 0; i < 50; i++) {
    try {
      process.kill(-group, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
