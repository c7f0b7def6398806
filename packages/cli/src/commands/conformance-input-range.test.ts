import { describe, expect, test } from 'vitest';
import { runCli, tempDirWith } from '../testing/run-cli.js';
import { parseConformanceArgs } from './conformance-args.js';

/** FitzHugh–Nagumo (FitzHugh 1961, Biophys. J. 1:445), dimensionless, with FitzHugh's a, b and tau. */
const FITZHUGH_NAGUMO = {
  name: 'fitzhugh-nagumo',
  parameters: { a: { default: 0.7 }, b: { default: 0.8 }, tauW: { default: 12.5, constraint: 'positive' } },
  state: { v: { initial: -1.2 }, w: { initial: -0.6 } },
  equations: { v: 'v - v*v*v/3 - w + I', w: '(v + a - b*w) / tauW' },
  threshold: 'v >= 1',
};

describe('conformance --input-range and --allowed-ulps', { timeout: 60_000 }, () => {
  test('are read as a range and a bound, and mistakes name the flag', () => {
    const args = parseConformanceArgs(['--input-range', '-1,2.5', '--allowed-ulps', '64']);
    expect(args.inputRange).toEqual({ min: -1, max: 2.5 });
    expect(args.allowedUlps).toBe(64);
    expect(parseConformanceArgs([]).inputRange).toBeUndefined();
    expect(() => parseConformanceArgs(['--input-range', '2,1'])).toThrow(/--input-range .*MIN < MAX/);
    expect(() => parseConformanceArgs(['--input-range', '1'])).toThrow(/--input-range/);
    expect(() => parseConformanceArgs(['--allowed-ulps', '-3'])).toThrow(/--allowed-ulps/);
  });

  test('--span takes a neuron count or off, and a mistake names the flag', () => {
    expect(parseConformanceArgs(['--span', '256']).span).toBe(256);
    expect(parseConformanceArgs(['--span', 'off']).span).toBe(false);
    expect(parseConformanceArgs([]).span).toBeUndefined();
    expect(() => parseConformanceArgs(['--span', '0'])).toThrow(/--span/);
    expect(() => parseConformanceArgs(['--span', '2.5'])).toThrow(/--span/);
  });

  test("a model file passes robustness with the user's input range, and fails without it", async () => {
    const dir = tempDirWith({ 'fhn.json': FITZHUGH_NAGUMO });
    const checks = ['--model', 'fhn.json', '--checks', 'robustness', '--effort', '0.3'];
    const without = await runCli(['conformance', ...checks], dir);
    expect(without.code).toBe(1);
    expect(without.stdout).toContain('no inputRange declared');
    const given = await runCli(['conformance', ...checks, '--input-range', '-1,2'], dir);
    expect(given.code).toBe(0);
    expect(given.stdout).toContain('input in [-1, 2] (the given input range)');
  });
});
