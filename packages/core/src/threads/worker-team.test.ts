import { describe, expect, test } from 'vitest';
import { WorkerError } from '../errors.js';
import { partitionColumns } from './partition.js';
import { canBlockThread, WorkerTeam } from './worker-team.js';

/** Each worker adds its job's value into its own slot of a shared array. */
const ADD_HANDLER = `(init) => {
  const slots = new Float64Array(init.slots);
  return (job) => {
    if (job.fail) throw new Error('job ' + job.slot + ' refused');
    slots[job.slot] += job.value;
  };
}`;

/** ADD_HANDLER, plus jobs that end the worker: `exit` (process.exit), a timer that throws, or a silent exit. */
const EXIT_HANDLER = `(init) => {
  const slots = new Float64Array(init.slots);
  return (job) => {
    if (job.exit !== undefined) process.exit(job.exit);
    if (job.silentExit) {
      process.removeAllListeners('exit');
      process.exit(0);
    }
    if (job.throwLater) setTimeout(() => { throw new Error('late'); });
    slots[job.slot] += job.value;
  };
}`;

function catchError(action: () => void): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('WorkerTeam', () => {
  test('runs one job per worker on shared memory and waits for all of them', () => {
    const slots = new Float64Array(new SharedArrayBuffer(3 * 8));
    const team = new WorkerTeam({
      owner: 'test',
      workers: 3,
      handler: ADD_HANDLER,
      init: { slots: slots.buffer },
    });
    for (let round = 1; round <= 4; round++) {
      team.start([0, 1, 2].map((slot) => ({ slot, value: slot + round })));
      team.finish();
    }
    expect(Array.from(slots)).toEqual([10, 14, 18]);
    team.dispose();
  });

  test('faulted tells a caller waiting on memory of its own that a job failed, until finish reports it', () => {
    const slots = new Float64Array(new SharedArrayBuffer(2 * 8));
    const team = new WorkerTeam({
      owner: 'test',
      workers: 2,
      handler: ADD_HANDLER,
      init: { slots: slots.buffer },
    });
    team.start([
      { slot: 0, value: 1 },
      { slot: 1, value: 1 },
    ]);
    team.finish();
    expect(team.faulted).toBe(false);
    team.start([{ slot: 0, value: 1, fail: true }]);
    const pause = new Int32Array(new SharedArrayBuffer(4));
    for (let waited = 0; !team.faulted && waited < 5000; waited += 10) Atomics.wait(pause, 0, 0, 10);
    expect(team.faulted).toBe(true);
    expect(() => team.finish()).toThrow(WorkerError);
    expect(team.faulted).toBe(false);
    team.dispose();
  });

  test('finishAsync waits without blocking', async () => {
    const slots = new Float64Array(new SharedArrayBuffer(2 * 8));
    const team = new WorkerTeam({
      owner: 'test',
      workers: 2,
      handler: ADD_HANDLER,
      init: { slots: slots.buffer },
    });
    team.start([
      { slot: 0, value: 5 },
      { slot: 1, value: 7 },
    ]);
    await team.finishAsync();
    expect(Array.from(slots)).toEqual([5, 7]);
    team.dispose();
  });

  test("a worker's exception becomes a WorkerError naming the owner, and the team stays usable", () => {
    const slots = new Float64Array(new SharedArrayBuffer(2 * 8));
    const team = new WorkerTeam({
      owner: 'test backend',
      workers: 2,
      handler: ADD_HANDLER,
      init: { slots: slots.buffer },
    });
    team.start([
      { slot: 0, value: 1 },
      { slot: 1, fail: true },
    ]);
    expect(() => team.finish()).toThrow(WorkerError);
    team.start([
      { slot: 0, value: 1 },
      { slot: 1, fail: true },
    ]);
    expect(() => team.finish()).toThrow(/test backend: a worker failed: Error: job 1 refused/);
    team.start([{ slot: 0, value: 1 }]);
    team.finish();
    expect(slots[0]).toBe(3);
    team.dispose();
  });

  test('a worker that exits in a job fails the wait with a WorkerError, and fresh workers take over', () => {
    const slots = new Float64Array(new SharedArrayBuffer(2 * 8));
    const team = new WorkerTeam({
      owner: 'test backend',
      workers: 2,
      handler: EXIT_HANDLER,
      init: { slots: slots.buffer },
    });
    team.start([
      { slot: 0, value: 1 },
      { slot: 1, exit: 3 },
    ]);
    const error = catchError(() => team.finish());
    expect(error).toBeInstanceOf(WorkerError);
    expect((error as WorkerError).code).toBe('WORKER');
    expect((error as Error).message).toMatch(/test backend: a worker failed: the worker exited with code 3/);
    expect(slots[0]).toBe(1); // the surviving worker finished its job
    team.start([
      { slot: 0, value: 1 },
      { slot: 1, value: 5 },
    ]);
    team.finish();
    expect(Array.from(slots)).toEqual([2, 5]);
    team.dispose();
  }, 10_000);

  test('a worker that exits in a job fails finishAsync with a WorkerError', async () => {
    const slots = new Float64Array(new SharedArrayBuffer(2 * 8));
    const team = new WorkerTeam({
      owner: 'test',
      workers: 2,
      handler: EXIT_HANDLER,
      init: { slots: slots.buffer },
    });
    team.start([
      { slot: 0, exit: 1 },
      { slot: 1, value: 1 },
    ]);
    await expect(team.finishAsync()).rejects.toThrow(WorkerError);
    team.start([{ slot: 0, value: 4 }]);
    await team.finishAsync();
    expect(Array.from(slots)).toEqual([4, 1]);
    team.dispose();
  }, 10_000);

  test('a worker lost between jobs to an uncaught error is replaced before the next job', async () => {
    const slots = new Float64Array(new SharedArrayBuffer(8));
    const team = new WorkerTeam({
      owner: 'test',
      workers: 1,
      handler: EXIT_HANDLER,
      init: { slots: slots.buffer },
    });
    // The job itself returns; the error comes later, from a timer, and the worker dies of it.
    team.start([{ slot: 0, value: 1, throwLater: true }]);
    // Where the worker dies before this wait settles (a loaded machine), the wait reports it; else the
    // death comes between jobs, which is the case under test.
    let heardWithTheJob = false;
    try {
      team.finish();
    } catch (error) {
      expect(error).toBeInstanceOf(WorkerError);
      heardWithTheJob = true;
    }
    const lost = () => (team as unknown as { lost(): boolean }).lost();
    for (const began = Date.now(); !heardWithTheJob && !lost() && Date.now() - began < 8000; )
      await new Promise((resolve) => setTimeout(resolve, 20));
    team.start([{ slot: 0, value: 1 }]);
    team.finish();
    expect(slots[0]).toBe(2);
    team.dispose();
  }, 20_000);

  test('a worker that dies without a word fails finishAsync after a grace period, not never', async () => {
    const slots = new Float64Array(new SharedArrayBuffer(8));
    const team = new WorkerTeam({
      owner: 'test',
      workers: 1,
      handler: EXIT_HANDLER,
      init: { slots: slots.buffer },
    });
    team.start([{ slot: 0, silentExit: true }]);
    const began = Date.now();
    await expect(team.finishAsync()).rejects.toThrow(/a worker failed: the worker exited with code 0/);
    expect(Date.now() - began).toBeLessThan(5000);
    team.dispose();
  }, 10_000);

  test('a handler that does not compile fails every job with its error', () => {
    const team = new WorkerTeam({ owner: 'test', workers: 1, handler: '(init) => {', init: {} });
    team.start([{}]);
    expect(() => team.finish()).toThrow(/a worker failed: SyntaxError/);
    team.dispose();
  });

  test('misuse is a clear error', () => {
    const team = new WorkerTeam({
      owner: 'test',
      workers: 1,
      handler: ADD_HANDLER,
      init: { slots: new SharedArrayBuffer(8) },
    });
    expect(() => team.start([{}, {}])).toThrow(/2 jobs for 1 workers/);
    team.dispose();
    expect(() => team.start([{}])).toThrow(/after dispose/);
  });

  test('Node threads may block', () => {
    expect(canBlockThread()).toBe(true);
  });
});

describe('partitionColumns', () => {
  test('splits into aligned, contiguous, near-equal ranges covering every column', () => {
    expect(partitionColumns(1000, 3, 64)).toEqual([
      { start: 0, end: 320 },
      { start: 320, end: 704 },
      { start: 704, end: 1000 },
    ]);
    expect(partitionColumns(10, 4, 1)).toEqual([
      { start: 0, end: 3 },
      { start: 3, end: 5 },
      { start: 5, end: 8 },
      { start: 8, end: 10 },
    ]);
  });

  test('gives fewer ranges when there are fewer aligned blocks than parts', () => {
    expect(partitionColumns(100, 4, 64)).toEqual([
      { start: 0, end: 64 },
      { start: 64, end: 100 },
    ]);
    expect(partitionColumns(5, 2, 64)).toEqual([{ start: 0, end: 5 }]);
  });
});

describe('WorkerTeam.ready', () => {
  test('in Node a blocking caller may start jobs at once', async () => {
    const slots = new Float64Array(new SharedArrayBuffer(8));
    const team = new WorkerTeam({
      owner: 'test',
      workers: 1,
      handler: ADD_HANDLER,
      init: { slots: slots.buffer },
    });
    expect(team.ready).toBe(true);
    team.start([{ slot: 0, value: 2 }]);
    team.finish();
    expect(slots[0]).toBe(2);
    team.dispose();
  });
});
