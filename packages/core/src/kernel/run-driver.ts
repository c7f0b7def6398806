import { nextRecordedStep, type Recording, type RunRequest } from '../backend.js';
import { awaitDispatches } from '../threads/thread-options.js';
import type { WorkerTeam } from '../threads/worker-team.js';

/** One call into a kernel's compiled loop: `steps` steps from run step `first`. */
export interface RunCall {
  /** Step of the run (0-based) the call starts at; `firstStep` of the request is not added. */
  readonly first: number;
  readonly steps: number;
  /** Whether the staged input holds one block per step of this call (else one block for all of them). */
  readonly inputPerStep: boolean;
}

/** Sizes and limits of the run driver that stages a kernel's input and recordings. */
export interface RunDriverOptions {
  /** Neurons per batch row and batch rows: they size the input block of one step. */
  readonly n: number;
  readonly batchSize: number;
  /** Bytes of one input element, and the most bytes of per-step input staged at once. */
  readonly bytesPerElement: number;
  readonly inputChunkBytes: number;
  /** Whether this thread may block while workers run (else the run returns a Promise). */
  readonly blocking: boolean;
  /** A further limit on steps per call, asked before each call (e.g. short calls while code warms up). */
  maxStepsPerCall?(): number;
  /** Copies input elements [from, from + count) of the request's data to where the kernel reads input. */
  stage(from: number, count: number): void;
  /** Makes one call; returns the worker team to wait on before the next, if workers took part. */
  advance(call: RunCall): WorkerTeam | undefined;
  /** Copies the current state of `recording` into its row `row`. */
  record(recording: Recording, row: number): void;
}

/**
 * Drives a run through a kernel's compiled loop: calls end where a recording needs the state after a step,
 * per-step input is staged in bounded chunks, `beforeStep` gets one call per step, and each call's workers
 * are waited for (blocking, or asynchronously where the thread may not block) before the next.
 */
export function driveRun(request: RunRequest, options: RunDriverOptions): void | Promise<void> {
  return awaitDispatches(runCalls(request, options), options.blocking);
}

function* runCalls(request: RunRequest, options: RunDriverOptions): Generator<WorkerTeam | undefined, void> {
  const { steps, input, recordings } = request;
  const block = inputBlock(input.layout, options.n, options.batchSize);
  if (input.beforeStep) {
    // The callback refills the input before every step: one call per step.
    for (let k = 0; k < steps; k++) {
      input.beforeStep(k);
      options.stage(input.perStep ? k * block : 0, block);
      yield options.advance({ first: k, steps: 1, inputPerStep: false });
      recordStep(recordings, k, options.record);
    }
    return;
  }
  const perChunk = stepsPerInputChunk(block * options.bytesPerElement, options.inputChunkBytes);
  if (!input.perStep) options.stage(0, block);
  for (let k = 0; k < steps; ) {
    let count = stepsToNextRecording(request, k);
    if (options.maxStepsPerCall) count = Math.min(count, Math.max(1, options.maxStepsPerCall()));
    if (input.perStep) {
      count = Math.min(count, perChunk);
      options.stage(k * block, count * block);
    }
    yield options.advance({ first: k, steps: count, inputPerStep: input.perStep });
    k += count;
    recordStep(recordings, k - 1, options.record);
  }
}

/** Steps of per-step input staged at once: as many blocks as fit in `inputChunkBytes`, at least one. */
export function stepsPerInputChunk(blockBytes: number, inputChunkBytes: number): number {
  return Math.max(1, Math.floor(inputChunkBytes / blockBytes));
}

/** Input elements one step reads: one value, one per neuron, or one per neuron and batch row. */
export function inputBlock(layout: RunRequest['input']['layout'], n: number, batchSize: number): number {
  return { scalar: 1, neuron: n, full: n * batchSize }[layout];
}

/** Calls `copy` for each recording that keeps the state after run step `k`, with the row it goes to. */
export function recordStep(
  recordings: readonly Recording[],
  k: number,
  copy: (recording: Recording, row: number) => void,
): void {
  for (const recording of recordings) {
    if (k % recording.stride === 0) copy(recording, k / recording.stride);
  }
}

/** The steps from run step `k` through the next one a recording needs (or the last): one call's worth. */
export function stepsToNextRecording(request: Pick<RunRequest, 'steps' | 'recordings'>, k: number): number {
  return Math.min(request.steps - k, nextRecordedStep(request.recordings, k) - k + 1);
}
