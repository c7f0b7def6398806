import { describe, expect, test } from 'vitest';
import { BackendError, WorkerError } from '../errors.js';
import { FailedRunGuard } from './failed-run-guard.js';

describe('FailedRunGuard', () => {
  test('after a WorkerError it refuses runs until every state variable is written again', () => {
    const guard = new FailedRunGuard('test backend', ['v', 's']);
    let runs = 0;
    guard.run(() => void runs++);
    expect(() =>
      guard.run(() => {
        throw new WorkerError('test backend: a worker failed: boom');
      }),
    ).toThrow('a worker failed: boom');
    expect(() => guard.run(() => void runs++)).toThrow(
      /test backend: an earlier run failed in a worker \(test backend: a worker failed: boom\).*not yet written: v, s/,
    );
    guard.written('v');
    expect(() => guard.run(() => void runs++)).toThrow(/not yet written: s$/);
    guard.written('s');
    guard.run(() => void runs++);
    expect(runs).toBe(2);
  });

  test('a rejected run marks state the same way', async () => {
    const guard = new FailedRunGuard('test backend', ['v']);
    await expect(guard.run(async () => Promise.reject(new WorkerError('lost')))).rejects.toThrow('lost');
    expect(() => guard.run(() => {})).toThrow(WorkerError);
  });

  test('other errors pass through without marking state', () => {
    const guard = new FailedRunGuard('test backend', ['v']);
    expect(() =>
      guard.run(() => {
        throw new BackendError('not a worker');
      }),
    ).toThrow(BackendError);
    guard.run(() => {});
  });
});
