import { describe, expect, test } from 'vitest';
import { BackendError } from '../errors.js';
import { maxThreads, resolveThreads } from './thread-options.js';

describe('resolveThreads', () => {
  test('the cap is 4 threads per logical core, at least 16 and at most 256', () => {
    expect(maxThreads(1)).toBe(16);
    expect(maxThreads(2)).toBe(16);
    expect(maxThreads(12)).toBe(48);
    expect(maxThreads(128)).toBe(256);
  });

  test('counts above the cap are a BackendError that names the cap', () => {
    const cap = maxThreads();
    expect(resolveThreads('test backend', cap).threads).toBe(cap);
    expect(() => resolveThreads('test backend', cap + 1)).toThrow(BackendError);
    expect(() => resolveThreads('test backend', 1e6)).toThrow(
      new RegExp(`test backend: threads 1000000 is more than this machine's cap of ${cap}`),
    );
  });

  test('one thread never needs workers and may always block', () => {
    expect(resolveThreads('test backend')).toEqual({ threads: 1, blocking: true });
  });
});
