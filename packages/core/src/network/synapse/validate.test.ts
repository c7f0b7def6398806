import { describe, expect, test } from 'vitest';
import { SynapseSpecError } from '../../errors.js';
import { thrown } from '../../testing/helpers.js';
import type { SynapseSpec } from './spec.js';
import { validateSynapse } from './validate.js';

const refused = (spec: unknown): SynapseSpecError =>
  thrown(() => validateSynapse(spec as SynapseSpec), SynapseSpecError);

describe('validateSynapse', () => {
  test('parses each statement and defaults the variables to w', () => {
    const synapse = validateSynapse({ name: 'exc', onPre: 'ge += w; v_post -= 1' });
    expect(synapse.name).toBe('exc');
    expect([...synapse.variables.keys()]).toEqual(['w']);
    expect(synapse.statements.map((s) => [s.field, s.name, s.operator, s.text])).toEqual([
      ['onPre statement 1', 'ge', '+=', 'ge += w'],
      ['onPre statement 2', 'v_post', '-=', 'v_post -= 1'],
    ]);
  });

  test.each<[string, unknown, string]>([
    ['not an object', 'ge += w', 'spec: expected an object { onPre, variables? }, got "ge += w"'],
    ['an empty name', { name: '', onPre: 'ge += w' }, 'name: expected a non-empty string, got ""'],
    [
      'a misspelt field',
      { name: 'exc', on_pre: 'ge += w' },
      'synapse "exc", on_pre: unknown field; did you mean "onPre"? (expected one of name, description, variables, onPre)',
    ],
    [
      'no onPre',
      { name: 'exc' },
      'synapse "exc", onPre: is missing; write what an event does, e.g. "ge += w"',
    ],
    [
      'onPre of the wrong type',
      { onPre: 3 },
      'onPre: expected a string of statements or a list of them, got 3',
    ],
    [
      'a list item that is not a string',
      { onPre: ['ge += w', 2] },
      'onPre[1]: expected a statement string, got 2',
    ],
    [
      'variables as a list',
      { onPre: 'ge += w', variables: ['w'] },
      'variables: expected an object keyed by variable name, e.g. { w: {} }, got an array',
    ],
    [
      'a variable with an invalid name',
      { onPre: 'ge += w', variables: { '2w': {} } },
      'variables.2w: "2w" is not a valid name (a letter, then letters, digits or _)',
    ],
    [
      'a reserved variable name',
      { onPre: 'ge += w', variables: { t: {} } },
      'variables.t: "t" is reserved (t is the time, i and j are neuron indices, others are functions); rename it',
    ],
    [
      'a variable named like a neuron index',
      { onPre: 'ge += w', variables: { j: {} } },
      'variables.j: "j" is reserved (t is the time, i and j are neuron indices, others are functions); rename it',
    ],
    [
      'a variable with a _post suffix',
      { onPre: 'ge += w', variables: { w_post: {} } },
      'variables.w_post: "w_post" ends like a neuron variable (_pre, _post); name synapse variables without the suffix',
    ],
    [
      'a misspelt variable field',
      { onPre: 'ge += w', variables: { w: { units: 'nS' } } },
      'variables.w.units: unknown field; did you mean "unit"? (expected one of unit, description, initial)',
    ],
    [
      'a non-finite initial value',
      { onPre: 'ge += w', variables: { w: { initial: Number.NaN } } },
      'variables.w.initial: expected a finite number or an expression string, got NaN',
    ],
  ])('refuses %s', (_, spec, message) => {
    const error = refused(spec);
    expect(error.code).toBe('SYNAPSE_SPEC');
    expect(error.message).toBe(message);
  });

  test('an initial expression is checked like any per-synapse value, with its column', () => {
    const error = refused({ onPre: 'ge += w', variables: { w: { initial: '0.5 * rand() + k' } } });
    expect(error.field).toBe('variables.w.initial');
    expect(error.column).toBe(16);
    expect(error.detail).toMatch(/^unknown name "k"/);
    expect(() =>
      validateSynapse({
        onPre: 'ge += w',
        variables: { w: { initial: '0.5 * rand() + j / 10', unit: 'nS' } },
      }),
    ).not.toThrow();
  });

  test('variables read from JSON may not be named like what every object has', () => {
    const proto = refused(JSON.parse('{ "onPre": "ge += w", "variables": { "__proto__": {} } }'));
    expect(proto.message).toBe(
      'variables.__proto__: "__proto__" is not a valid name (a letter, then letters, digits or _)',
    );
    const inherited = refused(JSON.parse('{ "onPre": "ge += w", "variables": { "constructor": {} } }'));
    expect(inherited.field).toBe('variables.constructor');
    expect(inherited.detail).toMatch(/is reserved/);
  });
});
