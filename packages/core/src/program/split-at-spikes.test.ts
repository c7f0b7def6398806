import { describe, expect, test } from 'vitest';
import { binary, ident, num, select, unary } from '../expr/ast.js';
import { MODEL_LIBRARY } from '../model/library/index.js';
import type { ModelSpec } from '../model/spec.js';
import { validateModel } from '../model/validate.js';
import { buildProgram, type ProgramOptions } from './build.js';
import type { Statement } from './program.js';
import { onlyOnSpikes, splitAtSpikes } from './split-at-spikes.js';

/** A model's program as a network builds it: no spikes while refractory, nullable parameters left null. */
function phasedOf(model: ModelSpec, options: Partial<ProgramOptions> = {}) {
  const nulls = Object.entries(model.parameters)
    .filter(([, parameter]) => parameter.default === null)
    .map(([name]) => name);
  const program = buildProgram(validateModel(model), {
    dt: 0.1,
    spikesWhileRefractory: false,
    nullParameters: new Set(nulls),
    ...options,
  });
  return splitAtSpikes(program);
}

const set = (name: string, expr: Statement['expr']): Statement => ({ kind: 'set', name, expr });

describe('splitAtSpikes: afterSpikeOnSpikesOnly', () => {
  test.each(Object.keys(MODEL_LIBRARY))(
    '%s: the reset and refractory restart touch spiking neurons only',
    (name) => {
      const phased = phasedOf(MODEL_LIBRARY[name]!);
      expect(phased.program.spikes).toBe('s');
      expect(phased.afterSpike.length).toBeGreaterThan(0);
      expect(phased.afterSpikeOnSpikesOnly).toBe(true);
    },
  );

  test('CUBA: the countdown stays in integrate, afterSpike only restarts it and resets v', () => {
    const phased = phasedOf(MODEL_LIBRARY['cuba-lif']!);
    expect(phased.afterSpike.map((s) => `${s.kind} ${s.name}`)).toEqual(['set refractory', 'set v']);
    expect(phased.integrate.map((s) => `${s.kind} ${s.name}`)).toContain('set refractory');
  });

  test('AdEx: a reset that reads state (w += b) is still spike-gated', () => {
    const phased = phasedOf(MODEL_LIBRARY.adex!);
    expect(phased.afterSpike.map((s) => s.name)).toContain('w');
    expect(phased.afterSpikeOnSpikesOnly).toBe(true);
  });

  test('spike traces decay on every neuron: dense', () => {
    const phased = phasedOf(MODEL_LIBRARY.lif!, { traces: { enabled: true, additive: true } });
    expect(phased.afterSpikeOnSpikesOnly).toBe(false);
  });

  test('a bound clamps every neuron: dense', () => {
    const phased = phasedOf({
      ...MODEL_LIBRARY.elif!,
      parameters: { ...MODEL_LIBRARY.elif!.parameters, lowerBound: { default: -80 } },
    });
    expect(phased.afterSpike.some((s) => s.name === 'v' && s.expr.kind === 'select')).toBe(true);
    expect(phased.afterSpikeOnSpikesOnly).toBe(false);
  });

  test('seed refractory mode counts down after the spike: dense', () => {
    expect(phasedOf(MODEL_LIBRARY.lif!, { refractory: 'seed' }).afterSpikeOnSpikesOnly).toBe(false);
    expect(phasedOf(MODEL_LIBRARY.lif!, { refractory: 'steps' }).afterSpikeOnSpikesOnly).toBe(true);
  });

  test('a running input sum: dense', () => {
    expect(phasedOf(MODEL_LIBRARY.lif!, { sumInput: true }).afterSpikeOnSpikesOnly).toBe(false);
  });

  test('a model without a threshold has no spikes to run on', () => {
    const phased = phasedOf({
      name: 'leak',
      parameters: {},
      state: { v: { initial: 0 } },
      equations: { v: '-v' },
    });
    expect(phased.afterSpike).toEqual([]);
    expect(phased.afterSpikeOnSpikesOnly).toBe(false);
  });
});

describe('onlyOnSpikes', () => {
  const gated = set('v', select(ident('s'), num(0), ident('v')));

  test('spike-gated identities, with lets before them, run on spikes only', () => {
    const let_ = { kind: 'let' as const, name: 'k', expr: binary('*', ident('w'), num(2)) };
    const bump = set('w', select(ident('s'), binary('+', ident('w'), ident('k')), ident('w')));
    expect(onlyOnSpikes([let_, gated, bump], 's')).toBe(true);
    expect(onlyOnSpikes([], 's')).toBe(true);
  });

  test.each([
    ['the gate negated', set('v', select(unary('not', ident('s')), num(0), ident('v')))],
    ['the gate combined', set('v', select(binary('and', ident('s'), ident('q')), num(0), ident('v')))],
    ['the branches swapped', set('v', select(ident('s'), ident('v'), num(0)))],
    ['another variable kept', set('v', select(ident('s'), num(0), ident('u')))],
    ['gated on another boolean', set('v', select(ident('q'), num(0), ident('v')))],
    ['s read as a number', set('v', binary('+', ident('v'), ident('s')))],
    ['no gate at all', set('v', binary('*', ident('v'), num(0.5)))],
  ])('%s: dense', (_, statement) => {
    expect(onlyOnSpikes([gated, statement], 's')).toBe(false);
  });

  test('no spike state: dense', () => {
    expect(onlyOnSpikes([gated], null)).toBe(false);
  });
});
