import { describe, expect, test } from 'vitest';
import { ModelSpecError } from '../errors.js';
import { binary, call, type Expr, ident, identifiersOf, num, select, unary } from '../expr/ast.js';
import { evaluate, FLOAT32_ARITHMETIC, FLOAT64_ARITHMETIC, type Scalar } from '../expr/evaluate.js';
import { formatExpression } from '../expr/format.js';
import { FEATURE_PARAMETERS } from '../model/features.js';
import { ELIF_MODEL } from '../model/library/elif.js';
import type { ModelSpec } from '../model/spec.js';
import { validateModel } from '../model/validate.js';
import { ELIF_DEFAULTS as ELIF_REFERENCE_DEFAULTS } from '../testing/elif-reference.js';
import { lookupIn, stripSpans } from '../testing/helpers.js';
import { buildProgram, type ProgramOptions } from './build.js';
import { derivativeName, INTEGRATORS } from './integrators.js';
import type { StepProgram } from './program.js';

const ELIF = validateModel(ELIF_MODEL);
const ELIF_DEFAULTS: Record<string, number> = { ...ELIF_REFERENCE_DEFAULTS, traceTau: 10, traceScale: 1 };

function elifProgram(options: Partial<ProgramOptions> = {}): StepProgram {
  return buildProgram(ELIF, {
    dt: 0.1,
    traces: { enabled: true, additive: false },
    sumInput: true,
    nullParameters: new Set(['vPeak']),
    ...options,
  });
}

/** `kind name` of each statement, e.g. "set v". */
const outline = (program: StepProgram) => program.statements.map((s) => `${s.kind} ${s.name}`);
const exprOf = (program: StepProgram, index: number): Expr => stripSpans(program.statements[index]!.expr);

/** Every identifier anywhere in a program (statements, derived constants, initial values). */
function allIdentifiers(program: StepProgram): Set<string> {
  const names = new Set<string>();
  for (const s of program.statements) identifiersOf(s.expr, names);
  for (const d of program.derived) identifiersOf(d.expr, names);
  for (const s of program.state) identifiersOf(s.initial, names);
  return names;
}

/** Runs one step of a program on plain values (float64), like a backend would for one neuron. */
function step(
  program: StepProgram,
  state: Record<string, Scalar>,
  env: Record<string, Scalar>,
): Record<string, Scalar> {
  const next = { ...state };
  const locals: Record<string, Scalar> = {};
  const lookup = (name: string): Scalar => {
    for (const scope of [locals, next, env]) if (name in scope) return scope[name]!;
    throw new Error(`unbound ${name}`);
  };
  for (const statement of program.statements) {
    const value = evaluate(statement.expr, lookup, FLOAT64_ARITHMETIC);
    if (statement.kind === 'let') locals[statement.name] = value;
    else next[statement.name] = value;
  }
  return next;
}

describe('buildProgram: the ELIF program', () => {
  test('has the seed per-step order (a)..(g)', () => {
    const program = elifProgram({ nullParameters: new Set(['vPeak']) });
    expect(outline(program)).toEqual([
      'let _refractory', // (a) where not refractory ...
      'set refractory', // (a) ... counting down the refractory steps
      `let ${derivativeName('v')}`,
      'set v', // (a) integrate
      'set s', // (b) spike check
      'set refractory', // (c) restarted on a spike
      'set v', // (d) reset
      'set v', // (e) lower bound
      'set traces', // (f) decay
      'set traces', // (f) set
      'set summedInput', // (g)
    ]);
    expect(program.specificationVersion).toBe('v1');
    expect(program.model).toBe('elif');
    expect(program.spikes).toBe('s');
    expect(program.dt).toBe(0.1);
  });

  test('each statement computes what the seed does', () => {
    const program = elifProgram();
    expect(exprOf(program, 0)).toEqual(binary('>', ident('refractory'), num(0)));
    expect(exprOf(program, 1)).toEqual(call('max', binary('-', ident('refractory'), num(1)), num(0)));
    expect(formatExpression(exprOf(program, 2))).toBe(
      '(R * I + restPot - v + deltaT * exp((v - thetaRh) / deltaT)) / tau',
    );
    expect(exprOf(program, 3)).toEqual(
      select(ident('_refractory'), ident('v'), binary('+', ident('v'), binary('*', ident('_d_v'), num(0.1)))),
    );
    expect(exprOf(program, 4)).toEqual(binary('>=', ident('v'), ident('threshold')));
    expect(exprOf(program, 5)).toEqual(select(ident('s'), ident('_refractorySteps'), ident('refractory')));
    expect(exprOf(program, 6)).toEqual(select(ident('s'), ident('resetPot'), ident('v')));
    expect(exprOf(program, 7)).toEqual(
      select(binary('<', ident('v'), ident('lowerBound')), ident('lowerBound'), ident('v')),
    );
    expect(exprOf(program, 8)).toEqual(binary('*', ident('traces'), ident('_traceDecay')));
    expect(exprOf(program, 9)).toEqual(select(ident('s'), num(1), ident('traces')));
    expect(exprOf(program, 10)).toEqual(binary('+', ident('summedInput'), ident('I')));
  });

  test('state: v, refractory, s, traces, summedInput with their initial values', () => {
    const program = elifProgram();
    expect(program.state.map((s) => [s.name, s.type, stripSpans(s.initial)])).toEqual([
      ['v', 'number', ident('resetPot')],
      ['refractory', 'number', num(0)],
      ['s', 'boolean', { kind: 'boolean', value: false }],
      ['traces', 'number', num(0)],
      ['summedInput', 'number', num(0)],
    ]);
  });

  test('parameters are what the statements read, minus state, locals, I and t; derived ones included', () => {
    const program = elifProgram();
    expect([...program.parameters].sort()).toEqual(
      [
        'R',
        'deltaT',
        'lowerBound',
        'resetPot',
        'restPot',
        'tau',
        'thetaRh',
        'threshold',
        '_refractorySteps',
        '_traceDecay',
      ].sort(),
    );
    const minimal = buildProgram(ELIF, { dt: 0.1, nullParameters: new Set(['lowerBound', 'vPeak']) });
    expect(minimal.parameters).not.toContain('lowerBound');
    expect(minimal.parameters).not.toContain('_traceDecay');
    expect(minimal.parameters).not.toContain('refracLength'); // only read by the derived constant
  });

  test('(e) the lower-bound clamp is left out when lowerBound is null', () => {
    const program = elifProgram({ nullParameters: new Set(['lowerBound', 'vPeak']) });
    expect(outline(program)).toEqual([
      'let _refractory',
      'set refractory',
      'let _d_v',
      'set v',
      'set s',
      'set refractory',
      'set v',
      'set traces',
      'set traces',
      'set summedInput',
    ]);
    expect(allIdentifiers(program).has('lowerBound')).toBe(false);
  });

  test('(f) traces and (g) sumInput are optional', () => {
    const program = buildProgram(ELIF, { dt: 0.1, nullParameters: new Set(['lowerBound', 'vPeak']) });
    expect(outline(program)).toEqual([
      'let _refractory',
      'set refractory',
      'let _d_v',
      'set v',
      'set s',
      'set refractory',
      'set v',
    ]);
    expect(program.state.map((s) => s.name)).toEqual(['v', 'refractory', 's']);
    expect(program.derived.map((d) => d.name)).toEqual(['_refractorySteps']);
  });

  test('additive traces add traceScale; the decay is exp(-dt/traceTau) in the dtype', () => {
    const program = elifProgram({ traces: { enabled: true, additive: true } });
    const setTraces = program.statements.filter((s) => s.name === 'traces').map((s) => stripSpans(s.expr));
    expect(setTraces).toEqual([
      binary('*', ident('traces'), ident('_traceDecay')),
      select(ident('s'), binary('+', ident('traces'), ident('traceScale')), ident('traces')),
    ]);
    const decay = program.derived.find((d) => d.name === '_traceDecay')!;
    expect(decay.precision).toBe('dtype');
    expect(evaluate(decay.expr, lookupIn({ traceTau: 10 }))).toBe(Math.exp(-0.1 / 10));
    expect(evaluate(decay.expr, lookupIn({ traceTau: 10 }), FLOAT32_ARITHMETIC)).toBe(
      Math.fround(Math.exp(Math.fround(-Math.fround(0.1) / 10))),
    );
  });

  test('FEATURE_PARAMETERS describe the trace parameters', () => {
    expect(FEATURE_PARAMETERS.traceTau).toMatchObject({ default: 10, constraint: 'positive' });
    expect(FEATURE_PARAMETERS.traceScale).toMatchObject({ default: 1 });
  });

  test('dt is substituted as a literal', () => {
    for (const dt of [0.1, 0.05, 0.025]) {
      const program = buildProgram(ELIF, {
        dt,
        traces: { enabled: true, additive: false },
        refractory: 'seed',
      });
      expect(allIdentifiers(program).has('dt')).toBe(false);
      expect(program.parameters).not.toContain('dt');
      expect(exprOf(program, 2)).toEqual(
        select(
          ident('_refractory'),
          ident('v'),
          binary('+', ident('v'), binary('*', ident('_d_v'), num(dt))),
        ),
      );
      expect(program.dt).toBe(dt);
    }
  });
});

describe('buildProgram: refractory modes', () => {
  const stepsConstant = (refracLength: number, dt: number) => {
    const program = buildProgram(ELIF, { dt, refractory: 'steps' });
    const derived = program.derived.find((d) => d.name === '_refractorySteps')!;
    expect(derived.precision).toBe('float64');
    return evaluate(derived.expr, lookupIn({ refracLength }), FLOAT64_ARITHMETIC);
  };

  test('steps mode: _refractorySteps = ceil(refracLength/dt - 1e-9)', () => {
    expect(stepsConstant(5, 0.1)).toBe(50);
    expect(stepsConstant(2, 0.05)).toBe(40);
    expect(stepsConstant(1, 0.1)).toBe(10);
    // The epsilon absorbs float64 noise on either side of an integer.
    expect(0.3 / 0.1).toBeLessThan(3);
    expect(stepsConstant(0.3, 0.1)).toBe(3);
    expect(0.07 / 0.01).toBeGreaterThan(7);
    expect(stepsConstant(0.07, 0.01)).toBe(7);
    expect(stepsConstant(2.1, 0.3)).toBe(7);
    // A period that is not a whole number of steps rounds up.
    expect(stepsConstant(0.25, 0.1)).toBe(3);
    expect(stepsConstant(0, 0.1)).toBe(-0);
  });

  test('steps mode is the default', () => {
    expect(buildProgram(ELIF, { dt: 0.1 }).derived.map((d) => d.name)).toEqual(['_refractorySteps']);
  });

  test('steps mode counts down by one, never below zero, and restarts on a spike', () => {
    const program = buildProgram(ELIF, { dt: 0.1, refractory: 'steps' });
    const countdown = program.statements[1]!.expr;
    const restart = program.statements[5]!.expr;
    const next = (refractory: number, s: boolean) => {
      const counted = evaluate(countdown, lookupIn({ refractory }));
      return evaluate(restart, lookupIn({ refractory: counted, s, _refractorySteps: 50 }));
    };
    expect(next(0, true)).toBe(50);
    expect(next(50, false)).toBe(49);
    expect(next(1, false)).toBe(0);
    expect(next(0, false)).toBe(0);
    expect(next(7, true)).toBe(50);
  });

  test.each([true, false])(
    'steps mode: every step ends in the state of counting down after the spike (spikes while refractory: %s)',
    (spikesWhileRefractory) => {
      const program = buildProgram(ELIF, {
        dt: 0.1,
        refractory: 'steps',
        spikesWhileRefractory,
        nullParameters: new Set(['vPeak', 'lowerBound']),
      });
      // The order before the countdown moved: no countdown in (a), `select(s, steps, max(r - 1, 0))` in (c).
      const restartAt = program.statements.findIndex((st, k) => k > 1 && st.name === 'refractory');
      const countingAfter: StepProgram = {
        ...program,
        statements: program.statements
          .map((st, k) =>
            k === restartAt
              ? {
                  ...st,
                  expr: select(
                    ident('s'),
                    ident('_refractorySteps'),
                    call('max', binary('-', ident('refractory'), num(1)), num(0)),
                  ),
                }
              : st,
          )
          .filter((_, k) => k !== 1),
      };
      expect(outline(countingAfter).slice(0, 5)).toEqual([
        'let _refractory',
        'let _d_v',
        'set v',
        'set s',
        'set refractory',
      ]);
      const env = { ...ELIF_DEFAULTS, _refractorySteps: 7 };
      let now: Record<string, Scalar> = { v: -70.6, refractory: 0, s: false };
      let before: Record<string, Scalar> = { ...now };
      let spikes = 0;
      let frozenSteps = 0;
      for (let k = 0; k < 600; k++) {
        // A strong input, with a pulse that lifts v past the threshold while refractory.
        const input = { ...env, I: k % 50 === 3 ? 4000 : 900 };
        now = step(program, now, input);
        before = step(countingAfter, before, input);
        expect(now).toEqual(before);
        if (now.s) spikes++;
        if ((now.refractory as number) > 0) frozenSteps++;
      }
      expect(spikes).toBeGreaterThan(10);
      expect(frozenSteps).toBeGreaterThan(100);
    },
  );

  test('seed mode: a float32 countdown of dt, restarted at float32(period)', () => {
    for (const dt of [0.1, 0.05]) {
      const program = buildProgram(ELIF, { dt, refractory: 'seed' });
      expect(program.derived).toEqual([]);
      expect(outline(program).slice(3, 6)).toEqual(['set s', 'set refractory', 'set refractory']);
      expect(exprOf(program, 4)).toEqual(
        call('float32', binary('-', ident('refractory'), call('float32', num(dt)))),
      );
      expect(exprOf(program, 5)).toEqual(
        select(ident('s'), call('float32', ident('refracLength')), ident('refractory')),
      );
      expect(program.parameters).toContain('refracLength');
    }
  });

  test('seed mode countdown length: 51 frozen steps at 5/0.1 and 41 at 2/0.05, whatever the dtype', () => {
    for (const [refracLength, dt, frozen] of [
      [5, 0.1, 51],
      [2, 0.05, 41],
    ] as const) {
      for (const arithmetic of [FLOAT32_ARITHMETIC, FLOAT64_ARITHMETIC]) {
        const program = buildProgram(ELIF, { dt, refractory: 'seed' });
        const [countdown, restart] = [program.statements[4]!.expr, program.statements[5]!.expr];
        let refractory = evaluate(
          restart,
          lookupIn({ s: true, refracLength, refractory: 0 }),
          arithmetic,
        ) as number;
        let count = 0;
        while (refractory > 0) {
          count++;
          refractory = evaluate(countdown, lookupIn({ refractory }), arithmetic) as number;
          refractory = evaluate(
            restart,
            lookupIn({ s: false, refracLength, refractory }),
            arithmetic,
          ) as number;
        }
        expect(count).toBe(frozen);
      }
    }
  });

  test('a model without refractory integrates unconditionally', () => {
    const model = validateModel({
      name: 'lif',
      parameters: { tau: { default: 10 } },
      state: { v: { initial: 0 } },
      equations: { v: '(I - v) / tau' },
      threshold: 'v > 1',
      reset: { v: '0' },
    });
    const program = buildProgram(model, { dt: 0.5 });
    expect(outline(program)).toEqual(['let _d_v', 'set v', 'set s', 'set v']);
    expect(exprOf(program, 1)).toEqual(binary('+', ident('v'), binary('*', ident('_d_v'), num(0.5))));
    expect(program.state.map((s) => s.name)).toEqual(['v', 's']);
  });
});

describe('buildProgram: other models', () => {
  test('Euler on a two-variable model computes both derivatives from the old values', () => {
    const model = validateModel({
      name: 'osc',
      parameters: { w: { default: 1 } },
      state: { x: { initial: 1 }, y: { initial: 0 } },
      equations: { x: 'w * y', y: '-w * x' },
    });
    const program = buildProgram(model, { dt: 0.1 });
    expect(outline(program)).toEqual(['let _d_x', 'let _d_y', 'set x', 'set y']);
    expect(program.spikes).toBeNull();
    expect(program.parameters).toEqual(['w']);
    const next = step(program, { x: 1, y: 1 }, { w: 1 });
    expect(next.x).toBe(1 + 1 * 0.1);
    expect(next.y).toBe(1 + -1 * 0.1); // from the old x = 1, not the new 1.1
    expect(next.y).not.toBe(1 + -1.1 * 0.1);
  });

  test('only the frozen variables are held while refractory', () => {
    const model = validateModel({
      name: 'adapt',
      parameters: { p: { default: 1 } },
      state: { v: { initial: 0 }, a: { initial: 0 } },
      equations: { v: 'I', a: '1' },
      threshold: 'v > 100',
      reset: { v: '0', a: 'a + 1' },
      refractory: { period: 'p', freeze: ['v'] },
    });
    const program = buildProgram(model, { dt: 1 });
    const frozen = step(program, { v: 5, a: 2, refractory: 3, s: false }, { I: 10, _refractorySteps: 1 });
    expect(frozen.v).toBe(5);
    expect(frozen.a).toBe(3);
    expect(frozen.refractory).toBe(2);
    const free = step(program, { v: 5, a: 2, refractory: 0, s: false }, { I: 10, _refractorySteps: 1 });
    expect(free.v).toBe(15);
  });

  test('resets apply in the spec order, each where the neuron spiked', () => {
    const model = validateModel({
      name: 'two',
      parameters: {},
      state: { v: { initial: 0 }, w: { initial: 0 } },
      threshold: 'v > 1',
      reset: { w: 'v', v: 'w + 1' },
    });
    const program = buildProgram(model, { dt: 0.1 });
    expect(outline(program)).toEqual(['set s', 'set w', 'set v']);
    expect(step(program, { v: 5, w: 0, s: false }, {})).toEqual({ v: 6, w: 5, s: true });
    expect(step(program, { v: 0.5, w: 0, s: false }, {})).toEqual({ v: 0.5, w: 0, s: false });
  });

  test('upper and lower bounds clamp after the reset', () => {
    const model = validateModel({
      name: 'clamped',
      parameters: { lo: { default: -1 }, hi: { default: 1 } },
      state: { x: { initial: 0 } },
      equations: { x: 'I' },
      bounds: { x: { lower: 'lo', upper: 'hi' } },
    });
    const program = buildProgram(model, { dt: 1 });
    expect(outline(program)).toEqual(['let _d_x', 'set x', 'set x', 'set x']);
    expect(step(program, { x: 0 }, { I: 5, lo: -1, hi: 1 }).x).toBe(1);
    expect(step(program, { x: 0 }, { I: -5, lo: -1, hi: 1 }).x).toBe(-1);
    expect(step(program, { x: 0 }, { I: 0.5, lo: -1, hi: 1 }).x).toBe(0.5);
    const noUpper = buildProgram(
      validateModel({
        ...model.spec,
        parameters: { lo: { default: -1 }, hi: { default: null, nullable: true } },
      }),
      { dt: 1, nullParameters: new Set(['hi']) },
    );
    expect(outline(noUpper)).toEqual(['let _d_x', 'set x', 'set x']);
  });

  test('t and I are inputs, not parameters', () => {
    const model = validateModel({
      name: 'clock',
      parameters: {},
      state: { x: { initial: 0 } },
      equations: { x: 't + I' },
    });
    const program = buildProgram(model, { dt: 0.1 });
    expect(program.parameters).toEqual([]);
    expect(allIdentifiers(program)).toEqual(new Set(['t', 'I', 'x', '_d_x']));
  });

  test('spike traces on a model without a threshold are a spec error', () => {
    const model = validateModel({
      name: 'leak',
      parameters: {},
      state: { x: { initial: 0 } },
      equations: { x: '-x' },
    });
    let error: unknown;
    try {
      buildProgram(model, { dt: 0.1, traces: { enabled: true, additive: false } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ModelSpecError);
    expect((error as ModelSpecError).field).toBe('traces');
    expect(buildProgram(model, { dt: 0.1, traces: { enabled: false, additive: false } }).spikes).toBeNull();
  });

  test('a custom integrator is used', () => {
    const program = buildProgram(ELIF, {
      dt: 0.1,
      integrator: (equations) => equations.map((e) => ({ kind: 'set', name: e.target, expr: num(42) })),
    });
    expect(outline(program).slice(0, 3)).toEqual(['let _refractory', 'set refractory', 'set v']);
    expect(Object.keys(INTEGRATORS)).toEqual(['euler', 'rk2', 'rk4', 'exponential-euler']);
  });
});

describe('buildProgram: dt in every field', () => {
  const dtModel = (change: (spec: ModelSpec) => void): ModelSpec => {
    const spec: ModelSpec = {
      name: 'dtmodel',
      parameters: { p: { default: 1 } },
      state: { x: { initial: '0' } },
      equations: { x: 'I' },
      threshold: 'x > 100',
    };
    change(spec);
    return spec;
  };
  const noDt = (spec: ModelSpec, options: Partial<ProgramOptions> = {}) => {
    const program = buildProgram(validateModel(spec), { dt: 0.25, ...options });
    expect([...allIdentifiers(program)]).not.toContain('dt');
    expect(program.parameters).not.toContain('dt');
    return program;
  };

  test('in equations, threshold, reset and initial values', () => {
    const program = noDt(
      dtModel((s) => {
        s.state.x = { initial: 'p * dt' };
        s.equations = { x: 'I * dt' };
        s.threshold = 'x > 100 * dt';
        s.reset = { x: 'dt' };
      }),
    );
    expect(evaluate(program.state[0]!.initial, lookupIn({ p: 2 }))).toBe(0.5);
    expect(step(program, { x: 30, s: false }, { I: 1 }).x).toBe(0.25);
  });

  test('in a refractory period (both modes)', () => {
    const spec = dtModel((s) => {
      s.reset = { x: '0' };
      s.refractory = { period: 'p + 4 * dt', freeze: ['x'] };
    });
    const steps = noDt(spec, { refractory: 'steps' });
    expect(evaluate(steps.derived[0]!.expr, lookupIn({ p: 1 }))).toBe(8);
    noDt(spec, { refractory: 'seed' });
  });

  test('in a bound', () => {
    noDt(
      dtModel((s) => {
        s.bounds = { x: { lower: '-p * dt', upper: 'p / dt' } };
      }),
    );
  });

  test('unary dt in the trace decay is a literal too', () => {
    const program = buildProgram(ELIF, { dt: 0.2, traces: { enabled: true, additive: false } });
    const decay = program.derived.find((d) => d.name === '_traceDecay')!;
    expect(stripSpans(decay.expr)).toEqual(call('exp', binary('/', unary('-', num(0.2)), ident('traceTau'))));
  });
});

test('ELIF defaults give the hand-computed first step', () => {
  const program = elifProgram({ nullParameters: new Set(['lowerBound', 'vPeak']) });
  const env = { ...ELIF_DEFAULTS, I: 0.5, _refractorySteps: 50, _traceDecay: Math.exp(-0.01) };
  const v0 = -62;
  const next = step(program, { v: v0, refractory: 0, s: false, traces: 0, summedInput: 0 }, env);
  const expected = v0 + ((20 * 0.5 + -62 - v0 + 1 * Math.exp((v0 - -60) / 1)) / 10) * 0.1;
  expect(next.v).toBe(expected);
  expect(next.s).toBe(false);
  expect(next.summedInput).toBe(0.5);
});

describe('overflow guard', () => {
  const GUARDED = validateModel({
    ...ELIF_MODEL,
    parameters: { ...ELIF_MODEL.parameters, vPeak: { default: null, nullable: true, perNeuron: false } },
    overflowGuard: { v: 'vPeak' },
  });

  test('caps the variable inside exp() when the cap is set', () => {
    const program = buildProgram(GUARDED, { dt: 0.1 });
    const derivative = program.statements.find((s) => s.name === '_d_v')!;
    expect(formatExpression(derivative.expr)).toContain('exp((min(v, vPeak) - thetaRh) / deltaT)');
    expect(formatExpression(derivative.expr)).toContain('restPot - v');
  });

  test('is off while the cap parameter is null', () => {
    const program = buildProgram(GUARDED, { dt: 0.1, nullParameters: new Set(['vPeak']) });
    const derivative = program.statements.find((s) => s.name === '_d_v')!;
    expect(formatExpression(derivative.expr)).toContain('exp((v - thetaRh) / deltaT)');
  });
});
