import { describe, expect, test } from 'vitest';
import { PHASE_COMMAND, PhaseChannel, phaseJobSource } from './phase-channel.js';
import { WorkerTeam } from './worker-team.js';

/**
 * Workers that serve phase commands for one population of two slices (the calling thread's and worker 0's).
 * Worker 0's integrate counts `step * 10 + 1` spikes and logs the step it ran; before its first command it
 * sleeps `init.lateMs`, like a worker that waits for a core.
 */
const HANDLER = `(init) => {
  const control = new Int32Array(init.control);
  const stepCell = new Float64Array(init.step);
  const log = new Int32Array(init.log);
  const populations = [{ ranges: [{ start: 0, end: 1 }, { start: 1, end: 2 }] }];
  const serve = ${phaseJobSource({
    integrate: 'count = step * 10 + 1; log[++log[0]] = step;',
    afterSpike: 'log[++log[0]] = -step;',
    deliver: 'log[++log[0]] = 1000 + step;',
    settle: 'log[++log[0]] = 2000 + step * 100 + count;',
  })};
  return (job) => {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, init.lateMs);
    serve(job);
  };
}`;

function channelWithTeam(lateMs: number) {
  const channel = new PhaseChannel(1, 1);
  const log = new Int32Array(new SharedArrayBuffer(64 * 4));
  const team = new WorkerTeam({
    owner: 'test',
    workers: 1,
    handler: HANDLER,
    init: { control: channel.control.buffer, step: channel.stepCell.buffer, log: log.buffer, lateMs },
  });
  return { channel, team, log };
}

describe('PhaseChannel', () => {
  test('an advance command settles one step (deliver, then settle with the slice count of its integrate) and integrates the next', () => {
    const { channel, team, log } = channelWithTeam(0);
    channel.start(team);
    channel.command(PHASE_COMMAND.advance, 3); // integrate only
    expect(channel.awaitWorkers(team)).toBe(true);
    channel.command(PHASE_COMMAND.advance, 4, 3);
    expect(channel.awaitWorkers(team)).toBe(true);
    expect(channel.count(0, 0)).toBe(41);
    channel.command(PHASE_COMMAND.advance, -1, 4); // settle only
    expect(channel.awaitWorkers(team)).toBe(true);
    channel.command(PHASE_COMMAND.stop, 0);
    team.finish();
    team.dispose();
    // The calling thread claimed no slice: the worker ran every one, settle before integrate.
    expect([...log.subarray(1, 1 + log[0]!)]).toEqual([3, 1003, 2000 + 300 + 31, 4, 1004, 2000 + 400 + 41]);
  }, 10_000);

  test("the calling thread claims a late worker's slice and the barrier then waits for nobody", () => {
    const { channel, team, log } = channelWithTeam(300);
    channel.start(team);
    const started = performance.now();
    channel.command(PHASE_COMMAND.integrate, 4);
    expect(channel.claim(0)).toBe(true);
    expect(channel.claim(0)).toBe(false); // claimed once only
    channel.setCount(0, 0, 99);
    expect(channel.awaitWorkers(team)).toBe(true);
    expect(performance.now() - started).toBeLessThan(250);
    expect(channel.count(0, 0)).toBe(99);
    // The next command finds the worker awake: it claims and runs its slice, the calling thread cannot.
    channel.command(PHASE_COMMAND.integrate, 5);
    while (Atomics.load(log, 0) === 0) {} // the worker has logged a slice
    expect(channel.claim(0)).toBe(false);
    expect(channel.awaitWorkers(team)).toBe(true);
    expect(channel.count(0, 0)).toBe(51);
    channel.command(PHASE_COMMAND.stop, 0);
    team.finish();
    team.dispose();
    // Step 4's slice ran on the calling thread only: the worker, late, left it.
    expect([...log.subarray(1, 1 + log[0]!)]).toEqual([5]);
  }, 10_000);

  test('after four phases in a row of late workers the calling thread runs 16 phases alone, then tries again', () => {
    const { channel, team } = channelWithTeam(500);
    channel.start(team);
    const late = () => {
      expect(channel.workersWanted()).toBe(true);
      channel.command(PHASE_COMMAND.afterSpike, 1);
      expect(channel.claim(0)).toBe(true);
      expect(channel.awaitWorkers(team)).toBe(true);
    };
    for (let phase = 0; phase < 4; phase++) late();
    const wanted = Array.from({ length: 17 }, () => channel.workersWanted());
    expect(wanted).toEqual([...new Array(16).fill(false), true]);
    // The next stretch, after four more late phases, is twice as long.
    for (let phase = 0; phase < 3; phase++) late();
    channel.command(PHASE_COMMAND.afterSpike, 1);
    channel.claim(0);
    channel.awaitWorkers(team);
    expect(Array.from({ length: 33 }, () => channel.workersWanted()).filter((w) => !w)).toHaveLength(32);
    channel.command(PHASE_COMMAND.stop, 0);
    team.finish();
    team.dispose();
  }, 10_000);

  test('a worker on time runs its slices of integrate and afterSpike; every command counts', () => {
    const { channel, team, log } = channelWithTeam(0);
    channel.start(team);
    for (let step = 1; step <= 3; step++) {
      for (const command of [PHASE_COMMAND.integrate, PHASE_COMMAND.afterSpike]) {
        channel.command(command, step);
        // Give the worker its slice: claim nothing until it has logged it.
        while (Atomics.load(log, 0) < 2 * step - (command === PHASE_COMMAND.integrate ? 1 : 0)) {}
        expect(channel.awaitWorkers(team)).toBe(true);
      }
      expect(channel.count(0, 0)).toBe(step * 10 + 1);
    }
    channel.command(PHASE_COMMAND.stop, 0);
    team.finish();
    team.dispose();
    expect(channel.commandsSent).toBe(7);
    expect([...log.subarray(1, 1 + log[0]!)]).toEqual([1, -1, 2, -2, 3, -3]);
  }, 10_000);
});
