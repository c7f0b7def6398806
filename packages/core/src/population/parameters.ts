import type { Dtype, ParameterValue } from '../backend.js';
import { ParameterError, type ValuePath } from '../errors.js';
import { evaluate, FLOAT32_ARITHMETIC, FLOAT64_ARITHMETIC, type Scalar } from '../expr/evaluate.js';
import { closestName, shownName } from '../model/closest-name.js';
import { FEATURE_PARAMETERS, hasSpikeTraces } from '../model/features.js';
import type { ParameterSpec } from '../model/spec.js';
import type { ValidatedModel } from '../model/validate.js';
import type { StepProgram } from '../program/program.js';

/** A parameter value as users give it: one number, one per neuron, or null where the model allows it. */
export type ParameterInput = number | ArrayLike<number> | null;

/**
 * The parameter values a model's population accepts, derived from its spec (as `defineModel` keeps it): each
 * optional, one number or one per neuron (one number where `perNeuron: false`), and null where `nullable`.
 */
export type ParametersOf<P extends Readonly<Record<string, ParameterSpec>>> = {
  -readonly [K in keyof P]?:
    | (P[K] extends { readonly perNeuron: false } ? number : number | ArrayLike<number>)
    | (P[K] extends { readonly nullable: true } ? null : never);
};

/** Resolves defaults, checks every value (finite, constraint, per-neuron length) and names the culprit. */
export function resolveParameters(
  model: ValidatedModel,
  extra: Readonly<Record<string, ParameterSpec>>,
  given: Readonly<Record<string, ParameterInput | undefined>>,
  n: number,
): Map<string, ParameterValue | null> {
  const specs = new Map<string, ParameterSpec>([...model.parameters, ...Object.entries(extra)]);
  for (const name of Object.keys(given)) {
    if (!specs.has(name)) {
      const known = [...specs.keys()].join(', ');
      const guess = closestName(name, specs.keys());
      const didYouMean = guess === undefined ? '' : `; did you mean "${guess}"?`;
      throw new ParameterError(
        `unknown parameter "${shownName(name)}" for model "${model.name}" (parameters: ${known})${didYouMean}`,
        { field: 'params', name },
      );
    }
  }
  const values = new Map<string, ParameterValue | null>();
  for (const [name, spec] of specs) {
    const value = Object.hasOwn(given, name) && given[name] !== undefined ? given[name]! : spec.default;
    values.set(name, checkParameter(model.name, name, spec, value, n));
  }
  return values;
}

function checkParameter(
  model: string,
  name: string,
  spec: ParameterSpec,
  value: ParameterInput,
  n: number,
): ParameterValue | null {
  const where = `parameter "${name}" of model "${model}"`;
  const path: ValuePath = { field: 'params', name };
  if (value === null) {
    if (spec.nullable) return null;
    throw new ParameterError(`${where} cannot be null`, path);
  }
  const check = (x: number, index?: number): void => {
    const at = index === undefined ? '' : `[${index}]`;
    const elementPath = index === undefined ? path : { ...path, index };
    if (typeof x !== 'number' || !Number.isFinite(x))
      throw new ParameterError(`${where}${at} must be a finite number, got ${x}`, elementPath);
    if (spec.constraint === 'positive' && !(x > 0))
      throw new ParameterError(`${where}${at} must be > 0, got ${x}`, elementPath);
    if (spec.constraint === 'nonnegative' && !(x >= 0))
      throw new ParameterError(`${where}${at} must be >= 0, got ${x}`, elementPath);
  };
  if (typeof value === 'number') {
    check(value);
    return value;
  }
  if (typeof value !== 'object' || typeof value.length !== 'number') {
    throw new ParameterError(
      `${where} must be a number${spec.perNeuron === false ? '' : ' or one number per neuron'}, got ${typeof value}`,
      path,
    );
  }
  if (spec.perNeuron === false)
    throw new ParameterError(`${where} is one value for the whole population, not one per neuron`, path);
  if (value.length !== n) {
    throw new ParameterError(
      `${where} has ${value.length} values; expected one number or one per neuron (n = ${n})`,
      path,
    );
  }
  const perNeuron = Float64Array.from(value);
  for (let i = 0; i < n; i++) check(perNeuron[i]!, i);
  return perNeuron;
}

/**
 * Checks parameter values as a population of `n` neurons of `model` would, without building one: the same
 * ParameterError, with its `path`, that `new Population` raises. `params` may include the spike-trace
 * parameters `traceTau` and `traceScale`, which a model with spike traces takes.
 */
export function checkParameters(
  model: ValidatedModel,
  params: Readonly<Record<string, ParameterInput | undefined>>,
  n: number,
): void {
  resolveParameters(model, spikeTraceParameters(model), params, n);
}

/** The parameters spike traces add to a model's own: none for a model without spike traces. */
export function spikeTraceParameters(model: ValidatedModel): Readonly<Record<string, ParameterSpec>> {
  return hasSpikeTraces(model) ? FEATURE_PARAMETERS : {};
}

/** Evaluates an expression of parameters for every neuron: a number if nothing it reads varies per neuron. */
export function evaluatePerNeuron(
  evaluateAt: (lookup: (name: string) => Scalar) => Scalar,
  values: ReadonlyMap<string, ParameterValue | null>,
  n: number,
): ParameterValue {
  const perNeuron = [...values.values()].some((v) => v instanceof Float64Array);
  const at = (i: number): number =>
    evaluateAt((name) => {
      const value = values.get(name);
      if (value === undefined || value === null) throw new ParameterError(`parameter "${name}" has no value`);
      return typeof value === 'number' ? value : value[i]!;
    }) as number;
  if (!perNeuron) return at(0);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = at(i);
  return out;
}

/** The values a kernel needs: the parameters the program reads plus its derived constants. */
export function programParameters(
  program: StepProgram,
  values: ReadonlyMap<string, ParameterValue | null>,
  n: number,
  dtype: Dtype,
): Map<string, ParameterValue> {
  const all = new Map(values);
  for (const derived of program.derived) {
    const arithmetic =
      derived.precision === 'float64' || dtype === 'float64' ? FLOAT64_ARITHMETIC : FLOAT32_ARITHMETIC;
    all.set(
      derived.name,
      evaluatePerNeuron((lookup) => evaluate(derived.expr, lookup, arithmetic), all, n),
    );
  }
  const out = new Map<string, ParameterValue>();
  for (const name of program.parameters) {
    const value = all.get(name);
    if (value === undefined || value === null)
      throw new ParameterError(`the step program reads "${name}", which has no value`);
    out.set(name, value);
  }
  return out;
}
