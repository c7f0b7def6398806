import { describe, expect, test } from 'vitest';
import { SynapseSpecError, SynapticFlowError } from '../../errors.js';
import { binary, call, type Expr, ident, num, unary } from '../../expr/ast.js';
import { LIF_MODEL } from '../../model/library/index.js';
import { validateModel } from '../../model/validate.js';
import { buildProgram } from '../../program/build.js';
import { stripSpans, thrown } from '../../testing/helpers.js';
import { compileSynapse } from './compile.js';
import type { SynapseSpec, SynapseTarget } from './spec.js';

const TARGET: SynapseTarget = {
  model: 'cuba',
  state: [
    { name: 'v', type: 'number' },
    { name: 'ge', type: 'number' },
    { name: 'gi', type: 'number' },
    { name: 's', type: 'boolean' },
  ],
  parameters: ['tau', 'restPot', 'threshold'],
};

const compile = (onPre: SynapseSpec['onPre'], variables?: SynapseSpec['variables']) =>
  compileSynapse({ name: 'exc', onPre, ...(variables ? { variables } : {}) }, TARGET);

/** Each statement as (scope, name, expression without spans). */
const shapes = (onPre: SynapseSpec['onPre'], variables?: SynapseSpec['variables']) =>
  compile(onPre, variables).statements.map((s) => [s.scope, s.name, stripSpans(s.expr)]);

const synapseError = (fn: () => unknown): SynapseSpecError => thrown(fn, SynapseSpecError);

/** The 1-based column the caret (third line of the message) points at. */
function caretColumn(error: SynapseSpecError, statement: string): number {
  const lines = error.message.split('\n');
  expect(lines).toHaveLength(3);
  expect(lines[1]).toBe(`  ${statement}`);
  expect(lines[2]!.trimStart()).toBe('^');
  return lines[2]!.indexOf('^') - 1;
}

describe('compileSynapse: statement forms', () => {
  const w = ident('w');
  const ge = ident('ge');
  test.each<[string, Expr]>([
    ['ge = w', w],
    ['ge += w', binary('+', ge, w)],
    ['ge -= w', binary('-', ge, w)],
    ['ge *= w', binary('*', ge, w)],
    ['ge /= w', binary('/', ge, w)],
  ])('%s', (statement, expected) => {
    expect(shapes(statement)).toEqual([['target', 'ge', expected]]);
  });

  test('a compound assignment keeps the whole right side together: ge -= w + 1 is ge - (w + 1)', () => {
    expect(shapes('ge -= w + 1')).toEqual([['target', 'ge', binary('-', ge, binary('+', w, num(1)))]]);
    expect(shapes('ge /= 2 * w')).toEqual([['target', 'ge', binary('/', ge, binary('*', num(2), w))]]);
  });

  test('newlines, semicolons and list items separate statements; empty pieces are skipped', () => {
    const expected = shapes(['ge += w', 'v -= 1', 'gi *= 0.5']);
    expect(expected).toHaveLength(3);
    expect(shapes('ge += w; v -= 1\ngi *= 0.5')).toEqual(expected);
    expect(shapes('  ge += w ;;\n\n v -= 1;\r\n gi *= 0.5 ;')).toEqual(expected);
    expect(shapes(['ge += w; v -= 1', '', 'gi *= 0.5'])).toEqual(expected);
  });

  test("a target variable may carry Brian2's _post suffix; the program uses the plain name", () => {
    expect(shapes('v_post += w * ge_post')).toEqual([
      ['target', 'v', binary('+', ident('v'), binary('*', w, ge))],
    ]);
    const program = compile('ge_post = ge_post + w');
    expect(program.targetVariables).toEqual(['ge']);
  });

  test('statements read t, call functions, and write synapse variables', () => {
    expect(shapes('ge += w * exp(-t / 10)')).toEqual([
      [
        'target',
        'ge',
        binary('+', ge, binary('*', w, call('exp', binary('/', unary('-', ident('t')), num(10))))),
      ],
    ]);
    expect(shapes('w = min(w + 0.1, 1)')).toEqual([
      ['synapse', 'w', call('min', binary('+', w, num(0.1)), num(1))],
    ]);
  });

  test('the program lists the variables it reads or writes, in first-use order', () => {
    const program = compile('gi += u * w; v_post = v + w; u *= 0.5', { w: {}, u: {}, unused: {} });
    expect(program).toMatchObject({
      specificationVersion: 'v1',
      synapse: 'exc',
      synapseVariables: ['u', 'w'],
      targetVariables: ['gi', 'v'],
    });
    expect(program.statements.map((s) => s.kind)).toEqual(['set', 'set', 'set']);
  });

  test('without variables a synapse has w; with variables: {} it has none', () => {
    expect(compile('ge += w').synapseVariables).toEqual(['w']);
    expect(compile('v += 0.5', {}).synapseVariables).toEqual([]);
    expect(synapseError(() => compile('ge += w', {})).detail).toMatch(/^unknown name "w"/);
  });

  test('a synapse without a name is called "synapse" in its program', () => {
    expect(compileSynapse({ onPre: 'ge += w' }, TARGET).synapse).toBe('synapse');
  });

  test('a neuron step program is itself a target: its number state may be written', () => {
    const program = buildProgram(validateModel(LIF_MODEL), { dt: 0.1 });
    const stateNames = program.state.filter((s) => s.type === 'number').map((s) => s.name);
    expect(stateNames).toContain('v');
    expect(compileSynapse({ onPre: 'v_post += w' }, program).targetVariables).toEqual(['v']);
    const spikes = program.spikes!;
    expect(synapseError(() => compileSynapse({ onPre: `${spikes} = 1` }, program)).detail).toMatch(/boolean/);
  });
});

describe('compileSynapse: errors point at the statement and column', () => {
  test.each<[string, RegExp, number]>([
    ['gee += w', /^unknown name "gee"; did you mean "ge"\? \(a statement may assign w, v, ge, gi\)$/, 1],
    ['ge += wieght', /^unknown name "wieght"/, 7],
    ['ge += w * vv', /^unknown name "vv"; did you mean "v"\?/, 11],
    ['tau += w', /^"tau" is a parameter of model "cuba"; parameters are constants during a run/, 1],
    ['tau_post = 1', /^"tau" is a parameter of model "cuba"; parameters are constants/, 1],
    ['ge += restPot', /^"restPot" is a parameter of model "cuba"; a statement reads synapse variables/, 7],
    ['s = 1', /^"s" is a boolean state variable of model "cuba"; a synapse reads and changes numbers$/, 1],
    ['ge += s_post', /^"s" is a boolean state variable/, 7],
    ['t = 1', /^"t" is the time; a statement cannot assign it$/, 1],
    ['ge += w > 1', /^expected a number to assign, got a boolean/, 7],
    [
      'ge += w * dt',
      /^"dt" is not known to a synapse; write the time step as a number where one is needed$/,
      11,
    ],
    [
      'I += w',
      /^"I" is the constant input current of model "cuba", not state; a synapse changes a state variable/,
      1,
    ],
    ['ge += w_post', /^"w" is a synapse variable; write it without the _post suffix$/, 7],
    ['w_post = 1', /^"w" is a synapse variable; write it without the _post suffix$/, 1],
    [
      'ge += v_pre',
      /^"v_pre" names the source neuron; a statement reads the synapse and the target neuron only$/,
      7,
    ],
    ['ge + = w', /^"\+" is not an assignment; use =, \+=, -=, \*= or \/=$/, 4],
    ['ge ^= w', /^"\^=" is not an assignment/, 4],
    ['ge == w', /^"==" compares; a statement assigns with =, \+=, -=, \*= or \/=$/, 4],
    ['ge w', /^expected an assignment \(=, \+=, -=, \*= or \/=\) after "ge"$/, 4],
    ['ge', /^expected an assignment .* after "ge"$/, 3],
    ['+= w', /^a statement starts with the variable it changes/, 1],
    ['ge +=', /^nothing after "\+="; write the value, as in "ge \+= w"$/, 6],
    ['ge += (w', /^missing "\)" to close "\(" at column 7$/, 9],
    ['ge += w # note', /^unexpected character "#"/, 9],
    ['ge = w = 1', /^unexpected character "="/, 8],
    ['ge += rand()', /^unknown function "rand"/, 7],
    ['ge += exp(w, 1)', /^exp\(\) takes 1 argument, got 2$/, 7],
  ])('%s', (statement, detail, column) => {
    const error = synapseError(() => compile(statement));
    expect(error.code).toBe('SYNAPSE_SPEC');
    expect(error).toBeInstanceOf(SynapticFlowError);
    expect(error.detail).toMatch(detail);
    expect(error.synapse).toBe('exc');
    expect(error.field).toBe('onPre');
    expect(error.column).toBe(column);
    expect(caretColumn(error, statement)).toBe(column);
    expect(error.message.split('\n')[0]).toBe(`synapse "exc", onPre: ${error.detail} at column ${column}`);
  });

  test('with several statements the field names the statement and the caret its column', () => {
    const error = synapseError(() => compile('ge += w\n  v -= 1; gi += w2 '));
    expect(error.field).toBe('onPre statement 3');
    expect(error.column).toBe(7);
    expect(caretColumn(error, 'gi += w2')).toBe(7);
  });

  test('an expression nested past the depth limit is refused with the limit named', () => {
    const deep = `ge += ${'('.repeat(200)}w${')'.repeat(200)}`;
    const error = synapseError(() => compile(deep));
    expect(error.detail).toMatch(/deeper than 128 levels/);
    expect(error.column).toBeGreaterThan(6);
    // One level short of the limit parses; the compound assignment's own level is counted too.
    const atLimit = (levels: number) => `ge += ${'-'.repeat(levels)}w`;
    expect(() => compile(atLimit(127))).not.toThrow();
    expect(synapseError(() => compile(atLimit(128))).detail).toMatch(/deeper than 128 levels/);
  });

  test('a synapse variable named like a target state variable is refused; the default w too', () => {
    const declared = synapseError(() => compile('ge += v', { v: {} }));
    expect(declared.message).toBe(
      'synapse "exc", variables.v: "v" is also a state variable of model "cuba"; rename the synapse variable ' +
        '(e.g. "v_syn") so that a statement says which one it means',
    );
    const adaptive = {
      ...TARGET,
      model: 'adex',
      state: [...TARGET.state, { name: 'w', type: 'number' as const }],
    };
    const defaulted = thrown(
      () => compileSynapse({ name: 'exc', onPre: 'ge += 1' }, adaptive),
      SynapseSpecError,
    );
    expect(defaulted.message).toBe(
      'synapse "exc", variables: the default synapse variable "w" is also a state variable of model "adex"; ' +
        "declare the synapse's own, e.g. variables: { weight: {} }",
    );
    expect(
      compileSynapse({ onPre: 'ge += weight; w_post -= 1', variables: { weight: {} } }, adaptive),
    ).toMatchObject({
      synapseVariables: ['weight'],
      targetVariables: ['ge', 'w'],
    });
  });

  test('an onPre without statements is refused', () => {
    for (const onPre of ['', ' ; \n ;', [], ['', ' ']]) {
      const error = synapseError(() => compile(onPre));
      expect(error.field).toBe('onPre');
      expect(error.message).toBe(
        'synapse "exc", onPre: has no statements; write what an event does, e.g. "ge += w"',
      );
    }
  });
});
