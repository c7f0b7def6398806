import { totalmem } from 'node:os';
import { RecordingTooLargeError } from '../errors.js';
import type { Scenario } from '../scenario/scenario.js';

/** Bytes the recorded state of a scenario takes in memory: rows x batch x n values per recorded variable. */
export function recordingBytes(scenario: Scenario, stride = scenario.record?.vStride ?? 1): number {
  const vars = scenario.record?.vars?.length ?? 0;
  const valueBytes = scenario.dtype === 'float64' ? 8 : 4;
  return Math.ceil(scenario.steps / stride) * (scenario.batchSize ?? 1) * scenario.n * vars * valueBytes;
}

/** Half the machine's memory: the recording shares it with the population, the spikes and the trace writer. */
export function recordingLimit(): number {
  return totalmem() / 2;
}

/** Refuses, before anything is allocated, a recording larger than `limit` bytes, saying what would fit. */
export function checkRecordingFits(scenario: Scenario, limit = recordingLimit()): void {
  const bytes = recordingBytes(scenario);
  if (bytes <= limit) return;
  const vars = scenario.record!.vars!;
  const stride = scenario.record?.vStride ?? 1;
  let fitting = stride * 10;
  while (recordingBytes(scenario, fitting) > limit && fitting < scenario.steps) fitting *= 10;
  const suggestion =
    recordingBytes(scenario, fitting) <= limit
      ? `record every ${fitting}th step (--v-stride ${fitting}, ${formatBytes(recordingBytes(scenario, fitting))}), `
      : '';
  throw new RecordingTooLargeError(
    `recording ${vars.join(', ')} every ${stride === 1 ? 'step' : `${stride} steps`} of ${scenario.steps} steps ` +
      `for ${(scenario.batchSize ?? 1) * scenario.n} neurons needs ${formatBytes(bytes)}, more than the ` +
      `${formatBytes(limit)} allowed (half of this machine's memory). To fit, ${suggestion}record fewer ` +
      'variables (--record v, or --record "" for none), or use fewer neurons or steps.',
    bytes,
  );
}

function formatBytes(bytes: number): string {
  const units = ['bytes', 'kB', 'MB', 'GB', 'TB', 'PB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${unit === 0 ? value : value.toPrecision(3)} ${units[unit]}`;
}
