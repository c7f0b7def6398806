import { afterEach, describe, expect, test } from 'vitest';
import { processIo } from './io.js';
import { tempDirWith } from './testing/run-cli.js';

describe('processIo', () => {
  const saved = process.env.INIT_CWD;
  afterEach(() => {
    if (saved === undefined) delete process.env.INIT_CWD;
    else process.env.INIT_CWD = saved;
  });

  test('resolves relative paths against the working directory, whatever INIT_CWD a shell left behind', () => {
    const elsewhere = tempDirWith({});
    process.env.INIT_CWD = elsewhere;
    expect(processIo().cwd).toBe(process.cwd());
  });
});
