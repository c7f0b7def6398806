import { SynapseSpecError } from '../../errors.js';
import { RESERVED_NAMES } from '../../expr/functions.js';
import { closestName } from '../../model/closest-name.js';
import { describe as describeValue } from '../../model/validate.js';
import { DEFAULT_SYNAPSE_VARIABLES, type SynapseSpec, type SynapseVariableSpec } from './spec.js';
import { type ParsedStatement, parseStatement, splitStatements } from './statements.js';
import { parseValueExpression } from './value-expression.js';

/** A synapse spec whose fields are checked and whose statements parse; not yet tied to a target model. */
export interface ValidatedSynapse {
  readonly name: string | undefined;
  readonly variables: ReadonlyMap<string, SynapseVariableSpec>;
  readonly statements: readonly ParsedStatement[];
}

const SYNAPSE_FIELDS = ['name', 'description', 'variables', 'onPre'];
const VARIABLE_FIELDS = ['unit', 'description', 'initial'];
const NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
const OBJECT_PROTOTYPE_NAMES: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

/** Checks a synapse spec's shape and names and parses its `onPre` statements. */
export function validateSynapse(spec: SynapseSpec): ValidatedSynapse {
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) {
    throw new SynapseSpecError(
      { field: 'spec' },
      `expected an object { onPre, variables? }, got ${describeValue(spec)}`,
    );
  }
  if (spec.name !== undefined && (typeof spec.name !== 'string' || spec.name.length === 0)) {
    throw new SynapseSpecError(
      { field: 'name' },
      `expected a non-empty string, got ${describeValue(spec.name)}`,
    );
  }
  const synapse = spec.name;
  checkFields(spec, SYNAPSE_FIELDS, synapse, '');
  if (spec.description !== undefined && typeof spec.description !== 'string') {
    throw new SynapseSpecError(
      { synapse, field: 'description' },
      `expected a string, got ${describeValue(spec.description)}`,
    );
  }
  const variables = validateVariables(spec.variables ?? DEFAULT_SYNAPSE_VARIABLES, synapse);
  if (spec.onPre === undefined) {
    throw new SynapseSpecError(
      { synapse, field: 'onPre' },
      'is missing; write what an event does, e.g. "ge += w"',
    );
  }
  const texts = splitStatements(spec.onPre, synapse);
  const statements = texts.map((text, k) =>
    parseStatement(text, texts.length === 1 ? 'onPre' : `onPre statement ${k + 1}`, synapse),
  );
  return { name: synapse, variables, statements };
}

function validateVariables(
  variables: Record<string, SynapseVariableSpec>,
  synapse: string | undefined,
): Map<string, SynapseVariableSpec> {
  if (typeof variables !== 'object' || variables === null || Array.isArray(variables)) {
    throw new SynapseSpecError(
      { synapse, field: 'variables' },
      `expected an object keyed by variable name, e.g. { w: {} }, got ${describeValue(variables)}`,
    );
  }
  const checked = new Map<string, SynapseVariableSpec>();
  for (const [name, variable] of Object.entries(variables)) {
    const field = `variables.${name}`;
    const fail = (detail: string): never => {
      throw new SynapseSpecError({ synapse, field }, detail);
    };
    if (!NAME.test(name)) fail(`"${name}" is not a valid name (a letter, then letters, digits or _)`);
    if (RESERVED_NAMES.has(name) || OBJECT_PROTOTYPE_NAMES.has(name) || name === 'i' || name === 'j') {
      fail(
        `"${name}" is reserved (t is the time, i and j are neuron indices, others are functions); rename it`,
      );
    }
    if (name.endsWith('_post') || name.endsWith('_pre')) {
      fail(`"${name}" ends like a neuron variable (_pre, _post); name synapse variables without the suffix`);
    }
    if (typeof variable !== 'object' || variable === null || Array.isArray(variable)) {
      fail(`expected { unit?, description?, initial? }, got ${describeValue(variable)}`);
    }
    checkFields(variable, VARIABLE_FIELDS, synapse, field);
    for (const text of ['unit', 'description'] as const) {
      if (variable[text] !== undefined && typeof variable[text] !== 'string') {
        throw new SynapseSpecError(
          { synapse, field: `${field}.${text}` },
          `expected a string, got ${describeValue(variable[text])}`,
        );
      }
    }
    const initial = variable.initial;
    if (typeof initial === 'string') {
      parseValueExpression(initial, { synapse, field: `${field}.initial` });
    } else if (initial !== undefined && (typeof initial !== 'number' || !Number.isFinite(initial))) {
      throw new SynapseSpecError(
        { synapse, field: `${field}.initial` },
        `expected a finite number or an expression string, got ${describeValue(initial)}`,
      );
    }
    checked.set(name, variable);
  }
  return checked;
}

/** Rejects fields a part of the spec does not have, suggesting the one meant ("on_pre" for "onPre"). */
function checkFields(
  value: object,
  allowed: readonly string[],
  synapse: string | undefined,
  field: string,
): void {
  for (const key of Object.keys(value)) {
    if (allowed.includes(key)) continue;
    const guess = closestName(key, allowed);
    const hint = guess ? `; did you mean "${guess}"?` : '';
    throw new SynapseSpecError(
      { synapse, field: field ? `${field}.${key}` : key },
      `unknown field${hint} (expected one of ${allowed.join(', ')})`,
    );
  }
}
