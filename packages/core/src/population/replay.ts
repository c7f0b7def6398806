import type { Kernel, KernelInput, RunRequest, StateArray } from '../backend.js';

/**
 * Largest state a run copies before it starts (so that, should it end with NaN or Infinity in state, it can be
 * replayed step by step to name the step): 256 MiB. Larger populations name a range of steps instead.
 */
export const REPLAY_SNAPSHOT_LIMIT_BYTES = 256 * 2 ** 20;

/**
 * State up to this size is always copied before a run of several steps; larger state only for runs of at
 * least REPLAY_MIN_STEPS steps, so that the copy stays a small part of the run's cost.
 */
export const REPLAY_ALWAYS_BYTES = 2 ** 20;
/** State larger than `REPLAY_ALWAYS_BYTES` is copied before a run only when the run has at least this many steps. */
export const REPLAY_MIN_STEPS = 64;

export type StateSnapshot = ReadonlyMap<string, StateArray>;

export type FindNonFinite = () => { state: string; index: number } | null;

/** A copy of every state variable, read synchronously. */
export function takeSnapshot(kernel: Kernel, names: readonly string[]): StateSnapshot {
  return new Map(names.map((name) => [name, kernel.readState(name)]));
}

/**
 * Restores `snapshot` and runs `request` again one step at a time, stopping after the first step that leaves
 * number state not finite. Returns that step's index within the run, or -1. Only for inputs without a
 * function (a replay must not call user code twice) and kernels that run synchronously.
 */
export function replayToFirstNonFinite(
  kernel: Kernel,
  snapshot: StateSnapshot,
  request: RunRequest,
  blockSize: number,
  find: FindNonFinite,
): number {
  for (const [name, values] of snapshot) kernel.writeState(name, values);
  const { input } = request;
  for (let k = 0; k < request.steps; k++) {
    const data = input.perStep ? input.data.subarray(k * blockSize, (k + 1) * blockSize) : input.data;
    const step: KernelInput = { layout: input.layout, perStep: false, data };
    kernel.run({ steps: 1, firstStep: request.firstStep + k, input: step, recordings: [] });
    if (find()) return k;
  }
  return -1;
}
