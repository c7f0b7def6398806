import { describe, expect, test } from 'vitest';
import { UsageError } from '../errors.js';
import { parseBenchArgs } from './bench-args.js';

/** The message a command line is refused with. */
function refusal(argv: string[]): string {
  try {
    parseBenchArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error('accepted');
}

describe('bench --network', () => {
  test('cuba is 4,000 neurons at p = 0.02 for 1 s, on js and wasm, 3 repetitions', () => {
    const args = parseBenchArgs(['--network', 'cuba', '--threads', '1,2']);
    expect(args.network).toEqual({ name: 'cuba', n: 4000, probability: 0.02, duration: 1000 });
    expect(args.backends).toEqual(['js', 'wasm']);
    expect(args.threads).toEqual([1, 2]);
    expect(args.reps).toBe(3);
  });

  test('cuba-scale is 100,000 neurons with 10 million synapses; --duration sets the biological time', () => {
    const { network } = parseBenchArgs(['--network', 'cuba-scale', '--duration', '200', '--reps', '1']);
    expect(network).toEqual({ name: 'cuba-scale', n: 100_000, probability: 0.001, duration: 200 });
    expect(network!.n * network!.n * network!.probability).toBe(1e7);
  });

  test('without --network, no network and the neuron benchmark’s defaults', () => {
    const args = parseBenchArgs([]);
    expect(args.network).toBeUndefined();
    expect(args.reps).toBe(5);
  });

  test('refuses unknown networks, backends without networks and flags that size populations', () => {
    expect(refusal(['--network', 'coba'])).toBe(
      'unknown network "coba" for --network; available: cuba, cuba-scale',
    );
    expect(refusal(['--network', 'cuba', '--backends', 'js,tfjs'])).toBe(
      'backend "tfjs" in --backends does not run networks; use js or wasm',
    );
    expect(refusal(['--network', 'cuba', '--sizes', '100'])).toMatch(/^--sizes sizes the single-population/);
    expect(refusal(['--network', 'cuba', '--updates', '100'])).toMatch(/^--updates /);
    expect(refusal(['--duration', '100'])).toBe(
      '--duration sets how long a network runs; use it with --network',
    );
    expect(refusal(['--network', 'cuba', '--duration', '0'])).toMatch(/^invalid value "0" for --duration/);
    expect(refusal(['--network', 'cuba', '--duration', 'x'])).toMatch(/^invalid value "x" for --duration/);
    expect(refusal(['--network', 'cuba', '--duration', '1e9'])).toMatch(/at most 100000$/);
  });
});
