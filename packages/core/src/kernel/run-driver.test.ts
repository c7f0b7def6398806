import { describe, expect, test } from 'vitest';
import type { KernelInput, Recording, RunRequest } from '../backend.js';
import { driveRun, type RunCall, recordStep, stepsPerInputChunk } from './run-driver.js';

/** Runs `request` through the driver on 4 neurons and logs what the driver asked for, in order. */
function drive(
  request: RunRequest,
  extra: { maxStepsPerCall?: () => number; inputChunkBytes?: number } = {},
) {
  const log: string[] = [];
  const result = driveRun(request, {
    n: 4,
    batchSize: 1,
    bytesPerElement: 4,
    inputChunkBytes: extra.inputChunkBytes ?? 2 ** 20,
    blocking: true,
    ...(extra.maxStepsPerCall ? { maxStepsPerCall: extra.maxStepsPerCall } : {}),
    stage: (from, count) => log.push(`stage ${from}+${count}`),
    advance: (call: RunCall) => {
      log.push(`call ${call.first}+${call.steps}${call.inputPerStep ? ' per-step' : ''}`);
      return undefined;
    },
    record: (recording, row) => log.push(`record ${recording.name} row ${row}`),
  });
  expect(result).toBeUndefined();
  return log;
}

const constant: KernelInput = { layout: 'neuron', perStep: false, data: new Float32Array(4) };
const recording = (name: string, stride: number): Recording => ({
  name,
  stride,
  buffer: new Float32Array(0),
});

describe('driveRun', () => {
  test('one call per run without recordings, input staged once', () => {
    expect(drive({ steps: 10, firstStep: 7, input: constant, recordings: [] })).toEqual([
      'stage 0+4',
      'call 0+10',
    ]);
  });

  test('calls end at every step a recording keeps, and each recorded row is copied after its step', () => {
    const log = drive({ steps: 7, firstStep: 0, input: constant, recordings: [recording('v', 3)] });
    expect(log).toEqual([
      'stage 0+4',
      'call 0+1',
      'record v row 0',
      'call 1+3',
      'record v row 1',
      'call 4+3',
      'record v row 2',
    ]);
  });

  test('per-step input is staged in chunks that fit inputChunkBytes', () => {
    const input: KernelInput = { layout: 'neuron', perStep: true, data: new Float32Array(5 * 4) };
    // 40 bytes hold two 16-byte blocks.
    expect(drive({ steps: 5, firstStep: 0, input, recordings: [] }, { inputChunkBytes: 40 })).toEqual([
      'stage 0+8',
      'call 0+2 per-step',
      'stage 8+8',
      'call 2+2 per-step',
      'stage 16+4',
      'call 4+1 per-step',
    ]);
  });

  test('beforeStep gets one call per step, before the input of that step is staged', () => {
    const seen: number[] = [];
    const input: KernelInput = { ...constant, beforeStep: (k) => seen.push(k) };
    expect(drive({ steps: 2, firstStep: 0, input, recordings: [recording('s', 1)] })).toEqual([
      'stage 0+4',
      'call 0+1',
      'record s row 0',
      'stage 0+4',
      'call 1+1',
      'record s row 1',
    ]);
    expect(seen).toEqual([0, 1]);
  });

  test('maxStepsPerCall is asked before every call', () => {
    let limit = 1;
    const log = drive(
      { steps: 6, firstStep: 0, input: constant, recordings: [] },
      { maxStepsPerCall: () => limit++ },
    );
    expect(log).toEqual(['stage 0+4', 'call 0+1', 'call 1+2', 'call 3+3']);
  });

  test('where the thread may not block, the run is a Promise that waits for each dispatch', async () => {
    const order: string[] = [];
    const team = {
      finishAsync: async () => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        order.push('waited');
      },
    };
    const result = driveRun(
      { steps: 2, firstStep: 0, input: constant, recordings: [recording('v', 1)] },
      {
        n: 4,
        batchSize: 1,
        bytesPerElement: 4,
        inputChunkBytes: 2 ** 20,
        blocking: false,
        stage: () => {},
        advance: () => {
          order.push('call');
          return team as never;
        },
        record: () => order.push('record'),
      },
    );
    expect(result).toBeInstanceOf(Promise);
    await result;
    expect(order).toEqual(['call', 'waited', 'record', 'call', 'waited', 'record']);
  });
});

describe('recording helpers', () => {
  test('recordStep copies the recordings whose stride divides the step, with their row', () => {
    const rows: string[] = [];
    recordStep([recording('v', 2), recording('s', 3)], 6, (r, row) => rows.push(`${r.name}${row}`));
    recordStep([recording('v', 2), recording('s', 3)], 4, (r, row) => rows.push(`${r.name}${row}`));
    expect(rows).toEqual(['v3', 's2', 'v2']);
  });

  test('stepsPerInputChunk is at least one step', () => {
    expect(stepsPerInputChunk(16, 40)).toBe(2);
    expect(stepsPerInputChunk(64, 40)).toBe(1);
  });
});
