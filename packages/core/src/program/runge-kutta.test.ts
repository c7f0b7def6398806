import { describe, expect, test } from 'vitest';
import { binary, call, ident, num } from '../expr/ast.js';
import { formatExpression } from '../expr/format.js';
import { ADEX_MODEL } from '../model/library/adex.js';
import { ELIF_MODEL } from '../model/library/elif.js';
import { IZHIKEVICH_MODEL } from '../model/library/izhikevich.js';
import { validateModel } from '../model/validate.js';
import { parse, stripSpans } from '../testing/helpers.js';
import { buildProgram } from './build.js';
import { euler } from './integrators.js';
import type { StepProgram } from './program.js';
import { rk2, rk4 } from './runge-kutta.js';

const EQUATIONS = [
  { target: 'v', expr: parse('v*v + w'), field: 'equation for v' },
  { target: 'w', expr: parse('v - w'), field: 'equation for w' },
];
const CAP_V = {
  model: 'test',
  dt: 0.1,
  frozen: () => null,
  stageCap: (t: string) => (t === 'v' ? ident('vPeak') : null),
};

/** The `let` that binds a name, as source text. */
function binding(statements: { name: string; expr: Parameters<typeof formatExpression>[0] }[], name: string) {
  const statement = statements.find((s) => s.name === name);
  if (!statement) throw new Error(`no statement ${name}`);
  return formatExpression(stripSpans(statement.expr));
}

describe('rk2/rk4 stage cap', () => {
  test('every predicted stage state of a capped variable is min(prediction, cap); others are not capped', () => {
    const statements = rk4(EQUATIONS, CAP_V);
    for (const stage of [2, 3, 4]) {
      expect(binding(statements, `_x${stage}_v`)).toMatch(/^min\(v \+ .*, vPeak\)$/);
      expect(binding(statements, `_x${stage}_w`)).not.toContain('min');
    }
    const midpoint = rk2(EQUATIONS, CAP_V).find((s) => s.name === '_x2_v')!;
    expect(stripSpans(midpoint.expr)).toEqual(
      call('min', binary('+', ident('v'), binary('*', num(0.05), ident('_k1_v'))), ident('vPeak')),
    );
  });

  test('the first stage reads the step-start state itself, and without a cap nothing is capped', () => {
    const capped = rk4(EQUATIONS, CAP_V);
    expect(binding(capped, '_k1_v')).toBe(formatExpression(parse('v*v + w')));
    const uncapped = rk4(EQUATIONS, { model: 'test', dt: 0.1, frozen: () => null });
    expect(uncapped.map((s) => formatExpression(stripSpans(s.expr))).join(';')).not.toContain('min');
  });

  test("buildProgram caps AdEx's v at vPeak in every rk4 stage, and not where vPeak is null (ELIF's default)", () => {
    const adex = buildProgram(validateModel(ADEX_MODEL), { dt: 0.1, integrator: rk4 });
    expect(binding([...adex.statements], '_x2_v')).toMatch(/^min\(.*, vPeak\)$/);
    const elif = buildProgram(validateModel(ELIF_MODEL), {
      dt: 0.1,
      integrator: rk4,
      nullParameters: new Set(['vPeak']),
    });
    expect(binding([...elif.statements], '_x2_v')).not.toContain('min');
  });

  test('Euler is untouched: an overflow guard outside exp() changes no Euler statement', () => {
    const text = (program: StepProgram) =>
      program.statements.map((s) => formatExpression(stripSpans(s.expr)));
    const { overflowGuard: _, ...unguarded } = IZHIKEVICH_MODEL;
    const guardedProgram = buildProgram(validateModel(IZHIKEVICH_MODEL), { dt: 0.1, integrator: euler });
    const unguardedProgram = buildProgram(validateModel(unguarded), { dt: 0.1, integrator: euler });
    expect(IZHIKEVICH_MODEL.overflowGuard).toEqual({ v: 'vPeak' });
    expect(text(guardedProgram)).toEqual(text(unguardedProgram));
  });
});
