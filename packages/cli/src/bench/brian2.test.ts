import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { runCli, tempDirWith } from '../testing/run-cli.js';
import { causeOf, findBrian2Python } from './brian2.js';

const python = findBrian2Python();
const requireAll = process.env.SYNAPTICFLOW_REQUIRE_ALL === '1';

/** Processes whose working directory or command line lies under `dir`. */
function processesUnder(dir: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const cwd = readlinkSync(`/proc/${pid}/cwd`);
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (cwd.startsWith(dir) || command.includes(dir)) found.push(`${pid}: ${command}`);
    } catch {
      // Ended meanwhile, or not ours to read.
    }
  }
  return found;
}

describe('causeOf', () => {
  test('gives the exception after a traceback, not the warnings before it', () => {
    const stderr = [
      'WARNING    Cannot use Cython, a test compilation failed: ... (CompileError)',
      'WARNING    Brian2 uses float32, which is less precise',
      'Traceback (most recent call last):',
      '  File "brian2_elif.py", line 41, in <module>',
      'RuntimeError: Project compilation failed (error code: 2).',
      '',
    ].join('\n');
    expect(causeOf(stderr)).toBe('RuntimeError: Project compilation failed (error code: 2).');
  });

  test('without a traceback, gives the last line that is not a warning', () => {
    expect(causeOf('make: *** [main] Error 1\nUserWarning: something\n')).toBe('make: *** [main] Error 1');
    expect(causeOf('')).toBe('no error message');
  });
});

describe.skipIf(!python && !requireAll)('bench with Brian2', () => {
  test('a Brian2 run past --brian2-timeout is stopped with its children and cleaned up; measured rows are kept', async () => {
    const temp = tempDirWith({});
    const dir = tempDirWith({});
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = temp;
    let run: Awaited<ReturnType<typeof runCli>>;
    try {
      run = await runCli(
        [
          'bench',
          ...['--backends', 'js', '--threads', '1', '--sizes', '10,20', '--reps', '1', '--updates', '1000'],
          ...['--brian2', 'on', '--brian2-sizes', '10', '--brian2-timeout', '1', '--json', 'bench.json'],
        ],
        dir,
      );
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    }
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/\n *10 +js float32 /);
    expect(run.stdout).toMatch(/\n *20 +js float64 /);
    expect(run.stdout).toContain(
      '(not measured: Brian2 cpp_standalone, 1 thread, n = 10: timed out after 1 s and was stopped',
    );
    const report = JSON.parse(readFileSync(`${dir}/bench.json`, 'utf8'));
    // Per size, js float32, float64 and float32 fast and the two hand-written loops, plus the C ceiling's rows
    // where a C compiler is installed.
    const others = report.rows.filter(
      (row: { implementation: string }) => !row.implementation.startsWith('hand-written C'),
    );
    expect(others.length).toBe(10);
    expect(report.failures).toHaveLength(1);
    expect(readdirSync(temp)).toEqual([]);
    expect(processesUnder(temp)).toEqual([]);
  });
});
