import { MODEL_LIBRARY, type ParameterSpec } from '@synapticflow/core';
import { NetworkScenarioSchema, ScenarioSchema } from './schema.js';

type JsonSchema = Record<string, unknown>;

/**
 * `schemas/scenario.schema.json` as generated from `ScenarioSchema`, plus what only the model library knows:
 * for a library model by name, its parameters and their constraints. `scripts/write-scenario-schema.mjs`
 * writes it; a test checks the checked-in file equals it.
 */
export function scenarioJsonSchema(): JsonSchema {
  // Through JSON, so the schema builder's own (symbol) keys are dropped.
  const population = JSON.parse(JSON.stringify(ScenarioSchema)) as JsonSchema;
  const network = JSON.parse(JSON.stringify(NetworkScenarioSchema)) as JsonSchema;
  const libraryParams = Object.fromEntries(
    Object.entries(MODEL_LIBRARY).map(([name, spec]) => [name, parametersSchema(spec.parameters)]),
  );
  const byModel = Object.keys(libraryParams).map((name) => ({
    if: { properties: { model: { const: name } }, required: ['model'] },
    // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then, not a promise.
    then: { properties: { params: { $ref: `#/$defs/libraryParams/${name}` } } },
  }));
  const { type, properties, required, ...rest } = population;
  const networkFields = (network.properties as Record<string, JsonSchema>).network!;
  const populationItems = (networkFields.properties as Record<string, JsonSchema>).populations!
    .items as JsonSchema;
  populationItems.allOf = byModel;
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'scenario.schema.json',
    title: 'SynapticFlow.ts scenario',
    description:
      'A run for `synapticflow simulate`, generated from packages/cli/src/scenario/schema.ts: one population (model, n, steps, ...) or a network (a "network" field). Lengths that depend on n, batchSize and steps are checked by the CLI, which names the offending field.',
    type: 'object',
    if: { type: 'object', required: ['network'] },
    // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then, not a promise.
    then: { $ref: '#/$defs/network' },
    else: { $ref: '#/$defs/population' },
    $defs: {
      population: { type, ...rest, required, properties, allOf: byModel },
      network,
      libraryParams,
    },
  };
}

/** The published file's text: two-space indents, with what fits in 100 columns on one line. */
export function formatScenarioJsonSchema(): string {
  return `${formatJson(scenarioJsonSchema(), '')}\n`;
}

function formatJson(value: unknown, indent: string): string {
  const flat = oneLine(value);
  if (typeof value !== 'object' || value === null || indent.length + flat.length <= 100) return flat;
  const inner = `${indent}  `;
  const lines = Array.isArray(value)
    ? value.map((item) => `${inner}${formatJson(item, inner)}`)
    : Object.entries(value).map(
        ([key, item]) => `${inner}${JSON.stringify(key)}: ${formatJson(item, inner)}`,
      );
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  return `${open}\n${lines.join(',\n')}\n${indent}${close}`;
}

function oneLine(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(oneLine).join(', ')}]`;
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  const entries = Object.entries(value).map(([key, item]) => `${JSON.stringify(key)}: ${oneLine(item)}`);
  return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
}

function parametersSchema(parameters: Readonly<Record<string, ParameterSpec>>): JsonSchema {
  return {
    type: 'object',
    additionalProperties: false,
    properties: Object.fromEntries(
      Object.entries(parameters).map(([name, spec]) => [name, parameterSchema(spec)]),
    ),
  };
}

/** One parameter as a scenario may give it: its constraint, one per neuron where allowed, null where nullable. */
function parameterSchema(spec: ParameterSpec): JsonSchema {
  const number: JsonSchema =
    spec.constraint === 'positive'
      ? { type: 'number', exclusiveMinimum: 0 }
      : spec.constraint === 'nonnegative'
        ? { type: 'number', minimum: 0 }
        : { type: 'number' };
  const variants = [number];
  if (spec.perNeuron !== false) variants.push({ type: 'array', items: number, minItems: 1 });
  if (spec.nullable) variants.push({ type: 'null' });
  return variants.length === 1 ? number : { anyOf: variants };
}
