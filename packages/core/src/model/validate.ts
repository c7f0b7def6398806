import { ModelSpecError } from '../errors.js';
import type { Expr } from '../expr/ast.js';
import { RESERVED_NAMES } from '../expr/functions.js';
import { parseExpression } from '../expr/parser.js';
import { expandDefinitions, parseDefinitions } from './definitions.js';
import { FEATURE_PARAMETERS, PROGRAM_STATE_NAMES } from './features.js';
import type { ModelSpec, ParameterSpec } from './spec.js';
import { checkFields, SPEC_FIELDS } from './spec-fields.js';
import { type Scope, typeOf, type ValueType } from './typecheck.js';

/** Names the step program itself defines for every model. */
const FEATURE_PARAMETER_NAMES = Object.keys(FEATURE_PARAMETERS);

/** One parsed assignment `target = expr` of a reset or an integration step. */
export interface Assignment {
  target: string;
  expr: Expr;
  /** The spec field it came from, for messages. */
  field: string;
}

/** A model whose strings are parsed, type-checked and resolved: the input of the program builder. */
export interface ValidatedModel {
  readonly spec: ModelSpec;
  readonly name: string;
  readonly parameters: ReadonlyMap<
    string,
    Required<Pick<ParameterSpec, 'default' | 'nullable' | 'perNeuron'>> & ParameterSpec
  >;
  readonly state: readonly Assignment[];
  readonly equations: readonly Assignment[];
  readonly threshold: Expr | null;
  readonly reset: readonly Assignment[];
  readonly refractory: { period: Expr; freeze: readonly string[] } | null;
  readonly bounds: readonly { target: string; lower: Expr | null; upper: Expr | null }[];
  /** Named sub-expressions, already expanded into every expression above. */
  readonly definitions: ReadonlyMap<string, Expr>;
  /** State capped at a parameter inside exp() arguments (off while the parameter is null). */
  readonly overflowGuard: readonly { target: string; cap: string }[];
}

// Names starting with "_" belong to the program builder (temporaries, derived constants).
const NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

// Names every JavaScript object inherits (constructor, toString, ...): as model names they would collide with
// lookups in plain objects, so a model may not use them.
const OBJECT_PROTOTYPE_NAMES: ReadonlySet<string> = new Set(
  Object.getOwnPropertyNames(Object.prototype).filter((name) => NAME.test(name)),
);

// Models this module validated. Only these skip validation in `new Population`; a look-alike object (e.g.
// from JSON.parse) is validated like any spec, so nothing unchecked reaches the code generators.
const VALIDATED = new WeakSet<object>();

/** True only for a model returned by `validateModel` (not for an object that merely has its fields). */
export function isValidatedModel(model: unknown): model is ValidatedModel {
  return typeof model === 'object' && model !== null && VALIDATED.has(model);
}

/** Checks a model spec and parses its expressions; every problem names the field (and column) at fault. */
export function validateModel(spec: ModelSpec): ValidatedModel {
  if (typeof spec !== 'object' || spec === null) {
    throw new ModelSpecError({ model: '?', field: 'spec' }, `expected an object, got ${describe(spec)}`);
  }
  const model = typeof spec.name === 'string' && spec.name.length > 0 ? spec.name : '?';
  const fail = (field: string, detail: string): never => {
    throw new ModelSpecError({ model, field }, detail);
  };
  if (model === '?') fail('name', `expected a non-empty string, got ${describe(spec.name)}`);
  checkFields(spec, SPEC_FIELDS.model, model, '');
  if (spec.inputRange !== undefined) checkInputRange(spec.inputRange, model, fail);

  const parameters = new Map<
    string,
    ValidatedModel['parameters'] extends ReadonlyMap<string, infer P> ? P : never
  >();
  for (const [name, param] of entries(spec.parameters, 'parameters', fail)) {
    checkName(name, `parameter "${name}"`, fail);
    checkNotProgramName(name, `parameter "${name}"`, fail);
    if (typeof param !== 'object' || param === null)
      fail(`parameter "${name}"`, `expected { default: number }, got ${describe(param)}`);
    checkFields(param, SPEC_FIELDS.parameter, model, `parameters.${name}`);
    const nullable = param.nullable ?? false;
    const value = param.default;
    if (value === null) {
      if (!nullable)
        fail(`parameter "${name}"`, 'default is null but the parameter is not nullable (set nullable: true)');
    } else if (typeof value !== 'number' || !Number.isFinite(value)) {
      fail(
        `parameter "${name}"`,
        `default must be a finite number${nullable ? ' or null' : ''}, got ${describe(value)}`,
      );
    } else if (param.constraint === 'positive' && !(value > 0)) {
      fail(`parameter "${name}"`, `default ${value} violates its constraint (must be > 0)`);
    } else if (param.constraint === 'nonnegative' && !(value >= 0)) {
      fail(`parameter "${name}"`, `default ${value} violates its constraint (must be >= 0)`);
    }
    if (
      param.constraint !== undefined &&
      param.constraint !== 'positive' &&
      param.constraint !== 'nonnegative'
    ) {
      fail(
        `parameter "${name}"`,
        `unknown constraint ${describe(param.constraint)} (use "positive" or "nonnegative")`,
      );
    }
    parameters.set(name, { ...param, default: value, nullable, perNeuron: param.perNeuron ?? true });
  }

  const stateNames: string[] = [];
  for (const [name, variable] of entries(spec.state, 'state', fail)) {
    checkName(name, `state "${name}"`, fail);
    if (typeof variable !== 'object' || variable === null || Array.isArray(variable)) {
      fail(`state "${name}"`, `expected { initial: number | expression }, got ${describe(variable)}`);
    }
    checkFields(variable, SPEC_FIELDS.state, model, `state.${name}`);
    if (parameters.has(name))
      fail(`state "${name}"`, `"${name}" is already a parameter; a name is either state or parameter`);
    checkNotProgramName(name, `state "${name}"`, fail);
    stateNames.push(name);
  }

  const numbers = (names: Iterable<string>): Map<string, ValueType> =>
    new Map([...names].map((n) => [n, 'number' as const]));
  const parameterScope: Scope = { symbols: numbers([...parameters.keys(), 'dt']), describe: 'parameters' };
  const dynamicScope: Scope = {
    symbols: numbers([...parameters.keys(), ...stateNames, 'I', 't', 'dt']),
    describe: 'parameters, state, definitions and inputs',
  };
  const definitions = parseDefinitions(spec.definitions, model, dynamicScope, (name, field) => {
    checkName(name, field, fail);
    checkNotProgramName(name, field, fail);
    if (parameters.has(name) || stateNames.includes(name)) {
      fail(field, `"${name}" is already a ${parameters.has(name) ? 'parameter' : 'state variable'}`);
    }
  });
  const parse = (source: unknown, field: string, scope: Scope, type: ValueType): Expr =>
    expandDefinitions(parseTyped(source, field, scope, type), definitions, {
      model,
      field,
      source: typeof source === 'string' ? source : undefined,
    });
  const parseTyped = (source: unknown, field: string, scope: Scope, type: ValueType): Expr => {
    if (typeof source === 'number' && Number.isFinite(source)) {
      if (type === 'boolean') return fail(field, `expected a boolean expression, got the number ${source}`);
      return { kind: 'number', value: source };
    }
    if (typeof source !== 'string')
      return fail(field, `expected an expression string, got ${describe(source)}`);
    const expr = parseExpression(source, { model, field });
    const got = typeOf(expr, scope, { model, field, source });
    if (got !== type) {
      throw new ModelSpecError(
        { model, field, source, offset: 0 },
        `expected a ${type} expression, got a ${got}`,
      );
    }
    return expr;
  };
  const checkTarget = (target: string, field: string): void => {
    if (parameters.has(target))
      fail(field, `cannot assign to parameter "${target}"; only state variables change during a run`);
    if (!stateNames.includes(target))
      fail(field, `"${target}" is not a state variable (state: ${stateNames.join(', ') || 'none'})`);
  };

  const state = stateNames.map((name) => ({
    target: name,
    expr: parse(spec.state[name]!.initial, `initial value of ${name}`, parameterScope, 'number'),
    field: `initial value of ${name}`,
  }));

  const equations: Assignment[] = [];
  for (const [target, source] of entries(spec.equations ?? {}, 'equations', fail)) {
    const field = `equation for ${target}`;
    if (parameters.has(target))
      fail(field, `"${target}" is a parameter; derivatives are only defined for state variables`);
    if (!stateNames.includes(target))
      fail(
        field,
        `derivative of "${target}", which is not a state variable (state: ${stateNames.join(', ')})`,
      );
    equations.push({ target, expr: parse(source, field, dynamicScope, 'number'), field });
  }

  const threshold =
    spec.threshold === undefined ? null : parse(spec.threshold, 'threshold', dynamicScope, 'boolean');

  const reset: Assignment[] = [];
  for (const [target, source] of entries(spec.reset ?? {}, 'reset', fail)) {
    const field = `reset of ${target}`;
    checkTarget(target, field);
    reset.push({ target, expr: parse(source, field, dynamicScope, 'number'), field });
  }
  if (reset.length > 0 && threshold === null)
    fail('reset', 'a reset needs a threshold to say when it applies');

  let refractory: ValidatedModel['refractory'] = null;
  if (spec.refractory !== undefined) {
    if (threshold === null) fail('refractory', 'a refractory period needs a threshold to start it');
    if (typeof spec.refractory !== 'object' || spec.refractory === null) {
      fail('refractory', `expected { period, freeze }, got ${describe(spec.refractory)}`);
    }
    checkFields(spec.refractory, SPEC_FIELDS.refractory, model, 'refractory');
    const freeze = spec.refractory.freeze;
    if (!Array.isArray(freeze))
      fail('refractory.freeze', `expected a list of state variables, got ${describe(freeze)}`);
    for (const target of freeze) checkTarget(target, 'refractory.freeze');
    refractory = {
      period: parse(spec.refractory.period, 'refractory.period', parameterScope, 'number'),
      freeze,
    };
  }

  const bounds: ValidatedModel['bounds'][number][] = [];
  for (const [target, bound] of entries(spec.bounds ?? {}, 'bounds', fail)) {
    checkTarget(target, `bounds of ${target}`);
    if (typeof bound !== 'object' || bound === null)
      fail(`bounds of ${target}`, `expected { lower?, upper? }, got ${describe(bound)}`);
    checkFields(bound, SPEC_FIELDS.bound, model, `bounds.${target}`);
    const side = (which: 'lower' | 'upper'): Expr | null =>
      bound[which] === undefined
        ? null
        : parse(bound[which], `${which} bound of ${target}`, parameterScope, 'number');
    bounds.push({ target, lower: side('lower'), upper: side('upper') });
  }

  const overflowGuard: { target: string; cap: string }[] = [];
  for (const [target, cap] of entries(spec.overflowGuard ?? {}, 'overflowGuard', fail)) {
    const field = `overflowGuard of ${target}`;
    checkTarget(target, field);
    const capSpec = typeof cap === 'string' ? parameters.get(cap) : undefined;
    if (!capSpec)
      fail(field, `expected the name of a parameter to cap ${target} at inside exp(), got ${describe(cap)}`);
    overflowGuard.push({ target, cap });
  }

  const validated: ValidatedModel = {
    spec,
    name: model,
    parameters,
    state,
    definitions: new Map([...definitions].map(([name, d]) => [name, d.expr])),
    equations,
    threshold,
    reset,
    refractory,
    bounds,
    overflowGuard,
  };
  VALIDATED.add(validated);
  return validated;
}

function checkInputRange(
  range: ModelSpec['inputRange'],
  model: string,
  fail: (field: string, detail: string) => never,
): void {
  if (typeof range !== 'object' || range === null || Array.isArray(range))
    fail('inputRange', `expected { min, max }, got ${describe(range)}`);
  checkFields(range, SPEC_FIELDS.inputRange, model, 'inputRange');
  const { min, max } = range;
  if (typeof min !== 'number' || !Number.isFinite(min) || typeof max !== 'number' || !Number.isFinite(max))
    fail('inputRange', `min and max must be finite numbers, got ${describe(min)} and ${describe(max)}`);
  if (!(min < max)) fail('inputRange', `min (${min}) must be below max (${max})`);
}

function entries<T>(
  value: Record<string, T> | undefined,
  field: string,
  fail: (field: string, detail: string) => never,
): [string, T][] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail(field, `expected an object keyed by name, got ${describe(value)}`);
  }
  return Object.entries(value);
}

/** The program builder defines these names for every population; a model may not reuse them. */
function checkNotProgramName(
  name: string,
  field: string,
  fail: (field: string, detail: string) => never,
): void {
  if (PROGRAM_STATE_NAMES.has(name) || FEATURE_PARAMETER_NAMES.includes(name)) {
    const taken = [...PROGRAM_STATE_NAMES, ...FEATURE_PARAMETER_NAMES].join(', ');
    fail(field, `"${name}" is defined by every population (${taken}); pick another name`);
  }
}

function checkName(name: string, field: string, fail: (field: string, detail: string) => never): void {
  if (!NAME.test(name)) fail(field, `"${name}" is not a valid name (a letter, then letters, digits or _)`);
  if (RESERVED_NAMES.has(name))
    fail(field, `"${name}" is reserved (I is the input current, dt the time step, t the time)`);
  if (OBJECT_PROTOTYPE_NAMES.has(name))
    fail(field, `"${name}" is reserved (every JavaScript object has a "${name}"); pick another name`);
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return String(value);
  return typeof value === 'undefined' ? 'nothing' : `a ${typeof value}`;
}
