import { describe, expect, test } from 'vitest';
import { type FlagSpec, parseArgs } from './args.js';
import { UsageError } from './errors.js';

const SPEC: FlagSpec = { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } };

describe('parseArgs', () => {
  test('reads --flag value, --flag=value, short booleans and positionals in any order', () => {
    expect(parseArgs(['a.json', '--out', 'x', '-h'], SPEC, 'cmd')).toEqual({
      flags: { out: 'x', help: true },
      positionals: ['a.json'],
    });
    expect(parseArgs(['--out=x=y', 'a.json'], SPEC, 'cmd').flags.out).toBe('x=y');
  });

  test('treats everything after -- as positional', () => {
    expect(parseArgs(['--', '--out', '-h'], SPEC, 'cmd').positionals).toEqual(['--out', '-h']);
  });

  test('refuses unknown flags, missing values and values for booleans, naming the command', () => {
    const errorOf = (argv: string[]) => {
      try {
        parseArgs(argv, SPEC, 'cmd');
      } catch (error) {
        expect(error).toBeInstanceOf(UsageError);
        expect((error as UsageError).command).toBe('cmd');
        return (error as Error).message;
      }
      throw new Error('expected parseArgs to throw');
    };
    expect(errorOf(['--outt', 'x'])).toBe(
      'unknown flag "--outt"; did you mean --out? Expected one of --out, --help',
    );
    expect(errorOf(['-x'])).toBe('unknown flag "-x"; expected one of --out, --help');
    expect(errorOf(['--out', '--help'])).toBe('--out needs a value');
    expect(errorOf(['--hepl'])).toBe(
      'unknown flag "--hepl"; did you mean --help? Expected one of --out, --help',
    );
    expect(errorOf(['--help=yes'])).toBe('--help takes no value, got "--help=yes"');
  });

  test('suggests the flag a typo most likely meant, and nothing for a name far from every flag', () => {
    const spec: FlagSpec = {
      dtype: { type: 'string' },
      'v-stride': { type: 'string' },
      threads: { type: 'string' },
    };
    const messageOf = (argv: string[]) => {
      try {
        parseArgs(argv, spec, 'simulate');
      } catch (error) {
        return (error as Error).message;
      }
      throw new Error('expected parseArgs to throw');
    };
    expect(messageOf(['--dtyp', 'float32'])).toContain('did you mean --dtype?');
    expect(messageOf(['--vstride=3'])).toContain('did you mean --v-stride?');
    expect(messageOf(['--thread', '2'])).toContain('did you mean --threads?');
    expect(messageOf(['--backend-module', 'x'])).not.toContain('did you mean');
  });
});
