import type { SpikeSink, StateProbe } from '../kernel/contract.js';

/** What a monitor hands the kernel for one run. */
export interface RunRecording {
  readonly sinks: readonly SpikeSink[];
  readonly probes: readonly StateProbe[];
}

/** The network's side of a monitor: prepares each run's sinks and probes, keeps what they caught. */
export interface Recorder {
  /** Before a run of `steps` steps whose first step is `firstStep` (since the last reset). */
  begin(firstStep: number, steps: number): RunRecording;
  /** After the run: keep what its first `stepsDone` steps recorded (all of them, unless a progress callback threw). */
  end(stepsDone: number): void;
  /** Forgets everything recorded (`reset()`). */
  clear(): void;
}

/** Each monitor's recorder, kept out of the monitor's public surface. */
const recorders = new WeakMap<object, Recorder>();

export function attachRecorder(monitor: object, recorder: Recorder): void {
  recorders.set(monitor, recorder);
}

export function recorderOf(monitor: object): Recorder {
  return recorders.get(monitor)!;
}
