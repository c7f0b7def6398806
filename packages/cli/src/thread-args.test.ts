import { describe, expect, test } from 'vitest';
import { UsageError } from './errors.js';
import { runCli, tempDirWith } from './testing/run-cli.js';
import { maxThreads, parseThreadCount } from './thread-args.js';

describe('--threads limits', () => {
  test('allows every core, and at least 4 threads', () => {
    expect(maxThreads(2)).toBe(4);
    expect(maxThreads(64)).toBe(64);
    expect(parseThreadCount('4', 'simulate', 4)).toBe(4);
  });

  test('refuses more threads than the limit with a usage error that names it', () => {
    expect(() => parseThreadCount('200', 'simulate', 4)).toThrow(UsageError);
    expect(() => parseThreadCount('1e6', 'simulate', 4)).toThrow(
      /--threads 1e6 is more than this machine can use: at most 4 here/,
    );
  });

  test('simulate and conformance stop at the flag, before any scenario is read or worker started', async () => {
    const dir = tempDirWith({});
    const simulate = await runCli(['simulate', 'missing.json', '--threads', '200'], dir);
    expect(simulate.code).toBe(2);
    expect(simulate.stderr).toContain('--threads 200 is more than this machine can use');
    const conformance = await runCli(['conformance', '--threads', '1000000'], dir);
    expect(conformance.code).toBe(2);
    expect(conformance.stderr).toContain('--threads 1000000 is more than this machine can use');
    const module = await runCli(['simulate', 'x.json', '--backend-module', 'm.mjs', '--threads', '2'], dir);
    expect(module.code).toBe(2);
    expect(module.stderr).toContain(
      '--backend-module runs the backend the module exports; leave out --backend and --threads',
    );
  });
});
