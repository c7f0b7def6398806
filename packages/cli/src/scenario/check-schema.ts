import { ScenarioError } from '../errors.js';
import { describeValue, fail, rejectUnknownFields } from './check.js';

/**
 * The subset of JSON Schema the scenario format uses, as `./schema.ts` builds it: type, const, anyOf,
 * properties, required, additionalProperties, patternProperties, items, minItems, maxItems, uniqueItems,
 * minimum, exclusiveMinimum, minLength, pattern; `title` words what an error message expected.
 */
export interface Schema {
  type?: 'object' | 'array' | 'number' | 'integer' | 'string' | 'boolean' | 'null';
  const?: unknown;
  anyOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean;
  patternProperties?: Record<string, Schema>;
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  minimum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  pattern?: string;
  title?: string;
}

/**
 * Checks `value` against `schema` and throws a `ScenarioError` at the first mistake, naming its field path
 * (`scenario.input.constant[1][3]`), what was expected there and what was found. Numbers must be finite.
 * Paths in `skip` are left to other checks (e.g. the model, which core checks).
 */
export function checkSchema(
  schema: Schema,
  value: unknown,
  path: string,
  skip: ReadonlySet<string> = new Set(),
): void {
  if (skip.has(path)) return;
  if (schema.anyOf) {
    checkUnion(schema, schema.anyOf, value, path, skip);
    return;
  }
  if ('const' in schema) {
    if (value !== schema.const) fail(path, describeSchema(schema), value);
    return;
  }
  switch (schema.type) {
    case 'object':
      checkObjectSchema(schema, value, path, skip);
      return;
    case 'array':
      checkArraySchema(schema, value, path, skip);
      return;
    case 'number':
    case 'integer': {
      const ok =
        typeof value === 'number' &&
        Number.isFinite(value) &&
        (schema.type === 'number' || Number.isInteger(value)) &&
        (schema.minimum === undefined || value >= schema.minimum) &&
        (schema.exclusiveMinimum === undefined || value > schema.exclusiveMinimum);
      if (!ok) fail(path, describeSchema(schema), value);
      return;
    }
    case 'string': {
      const ok =
        typeof value === 'string' &&
        value.length >= (schema.minLength ?? 0) &&
        (schema.pattern === undefined || new RegExp(schema.pattern).test(value));
      if (!ok) fail(path, describeSchema(schema), value);
      return;
    }
    case 'boolean':
      if (typeof value !== 'boolean') fail(path, describeSchema(schema), value);
      return;
    case 'null':
      if (value !== null) fail(path, describeSchema(schema), value);
      return;
  }
}

function checkObjectSchema(schema: Schema, value: unknown, path: string, skip: ReadonlySet<string>): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    fail(path, describeSchema(schema), value);
  const record = value as Record<string, unknown>;
  const properties = schema.properties ?? {};
  const patterns = Object.entries(schema.patternProperties ?? {}).map(
    ([pattern, item]) => [new RegExp(pattern), item] as const,
  );
  if (schema.additionalProperties === false && patterns.length === 0)
    rejectUnknownFields(record, path, Object.keys(properties));
  for (const key of schema.required ?? []) {
    if (record[key] === undefined) throw new ScenarioError(`${path}.${key}`, 'required field is missing');
  }
  for (const [key, item] of Object.entries(properties)) {
    if (record[key] !== undefined) checkSchema(item, record[key], `${path}.${key}`, skip);
  }
  for (const [key, item] of Object.entries(record)) {
    if (Object.hasOwn(properties, key)) continue;
    const match = patterns.find(([pattern]) => pattern.test(key));
    if (match) checkSchema(match[1], item, `${path}.${key}`, skip);
    else if (schema.additionalProperties === false)
      throw new ScenarioError(`${path}.${key}`, `not a valid name (${NAME_RULE})`);
  }
}

const NAME_RULE = 'a letter, then letters, digits or _';

function checkArraySchema(schema: Schema, value: unknown, path: string, skip: ReadonlySet<string>): void {
  if (
    !Array.isArray(value) ||
    value.length < (schema.minItems ?? 0) ||
    value.length > (schema.maxItems ?? Number.POSITIVE_INFINITY)
  )
    fail(path, describeSchema(schema), value);
  const items = value as unknown[];
  if (schema.items) {
    for (const [i, item] of items.entries()) checkSchema(schema.items, item, `${path}[${i}]`, skip);
  }
  if (schema.uniqueItems) {
    items.forEach((item, i) => {
      if (items.indexOf(item) !== i)
        throw new ScenarioError(`${path}[${i}]`, `${describeValue(item)} is listed twice`);
    });
  }
}

/**
 * A value matches the variants of its own kind (number, array of arrays, object with the variant's required
 * field, ...); where one variant is left, its message goes deeper than "expected one of ...".
 */
function checkUnion(
  schema: Schema,
  variants: readonly Schema[],
  value: unknown,
  path: string,
  skip: ReadonlySet<string>,
): void {
  const candidates = variants.filter((variant) => sameKind(variant, value));
  const kinds = variants.map(kindOf);
  if (isPlainObject(value) && kinds.every((kind) => kind !== undefined)) {
    // Variants told apart by a `kind` field: its value picks the variant, whose message then goes deeper.
    const chosen = kinds.indexOf(value.kind as string);
    if (chosen < 0)
      fail(`${path}.kind`, `one of ${kinds.map((kind) => JSON.stringify(kind)).join(', ')}`, value.kind);
    checkSchema(variants[chosen]!, value, path, skip);
    return;
  }
  const objects = variants.filter((variant) => variant.type === 'object' && variant.required?.length === 1);
  if (objects.length > 1 && isPlainObject(value)) {
    const present = objects.filter((variant) => value[variant.required![0]!] !== undefined);
    if (present.length === 0) {
      const known = objects.flatMap((variant) => Object.keys(variant.properties ?? {}));
      rejectUnknownFields(value, path, [...new Set(known)]);
    }
    if (present.length !== 1) {
      const names = objects.map((variant) => JSON.stringify(variant.required![0]));
      throw new ScenarioError(path, `expected exactly one of ${joinOr(names)}`);
    }
    checkSchema(present[0]!, value, path, skip);
    return;
  }
  if (candidates.length === 1) {
    checkSchema(candidates[0]!, value, path, skip);
    return;
  }
  for (const variant of candidates) {
    try {
      checkSchema(variant, value, path, skip);
      return;
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
    }
  }
  fail(path, describeSchema(schema), value);
}

/** The constant `kind` of an object variant, if it has one. */
function kindOf(variant: Schema): string | undefined {
  const kind = variant.type === 'object' ? variant.properties?.kind : undefined;
  return kind !== undefined && typeof kind.const === 'string' ? kind.const : undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether a value is of the variant's JSON type; arrays also by their first item's type. */
function sameKind(schema: Schema, value: unknown): boolean {
  if (schema.anyOf) return schema.anyOf.some((variant) => sameKind(variant, value));
  if ('const' in schema) return typeof value === typeof schema.const;
  switch (schema.type) {
    case 'array':
      return (
        Array.isArray(value) &&
        (value.length === 0 || schema.items === undefined || sameKind(schema.items, value[0]))
      );
    case 'object':
      return isPlainObject(value);
    case 'integer':
      return typeof value === 'number';
    case 'null':
      return value === null;
    default:
      return typeof value === schema.type;
  }
}

/** What a schema expects, as an error message says it: "a positive integer", "one of "euler", "rk2"". */
export function describeSchema(schema: Schema): string {
  if (schema.title !== undefined) return schema.title;
  if (schema.anyOf) {
    if (schema.anyOf.every((variant) => 'const' in variant))
      return `one of ${schema.anyOf.map((variant) => JSON.stringify(variant.const)).join(', ')}`;
    return joinOr(schema.anyOf.map(describeSchema));
  }
  if ('const' in schema) return JSON.stringify(schema.const);
  switch (schema.type) {
    case 'object':
      return 'an object';
    case 'array': {
      const count =
        schema.minItems !== undefined && schema.minItems === schema.maxItems
          ? `${schema.minItems} `
          : schema.minItems
            ? 'a non-empty '
            : '';
      const items = schema.items ? plural(describeSchema(schema.items)) : 'items';
      return count === 'a non-empty ' ? `a non-empty array of ${items}` : `an array of ${count}${items}`;
    }
    case 'integer':
      if (schema.minimum === 1) return 'a positive integer';
      return schema.minimum === undefined ? 'an integer' : `an integer >= ${schema.minimum}`;
    case 'number':
      if (schema.exclusiveMinimum !== undefined) return `a finite number > ${schema.exclusiveMinimum}`;
      if (schema.minimum !== undefined) return `a finite number >= ${schema.minimum}`;
      return 'a finite number';
    case 'string':
      return schema.pattern === undefined ? 'a string' : `a name (${NAME_RULE})`;
    case 'boolean':
      return 'true or false';
    case 'null':
      return 'null';
    default:
      return 'a value';
  }
}

/** "a finite number > 0" -> "finite numbers > 0": the noun after the article takes the plural. */
function plural(description: string): string {
  const match = /^an? (finite number|positive integer|name|string|object)(.*)$/.exec(description);
  return match ? `${match[1]}s${match[2]}` : `items that are each ${description}`;
}

function joinOr(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}
