import { type Static, type TLiteral, type TSchema, Type } from '@sinclair/typebox';
import {
  INTEGRATOR_NAMES as CORE_INTEGRATOR_NAMES,
  REFRACTORY_MODES as CORE_REFRACTORY_MODES,
  DEFAULT_INTEGRATOR,
  DEFAULT_REFRACTORY_MODE,
  DTYPES,
  MODEL_LIBRARY,
  type ModelSpec,
  type RefractoryMode,
} from '@synapticflow/core';

/**
 * The scenario format, defined once: `scenario.schema.json` is generated from it, the `Scenario` type is
 * derived from it and `checkSchema` checks files against it. What depends on the model or on n, batchSize
 * and steps (parameter names, lengths, recordable state) is checked by the parser.
 * A `title` is the wording an error message uses for what was expected there.
 */

const oneOf = <T extends string>(values: readonly T[], options: object = {}) =>
  Type.Union(
    values.map((value) => Type.Literal(value)),
    options,
  ) as unknown as ReturnType<typeof Type.Union<TLiteral<T>[]>>;

const Name = Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_]*$', title: 'a name (letters, digits and _)' });
const PositiveInteger = Type.Integer({ minimum: 1 });
const Numbers = Type.Array(Type.Number(), { minItems: 1 });
const Parameter = Type.Union([Type.Number(), Numbers]);
const Expression = Type.Union([Type.String(), Type.Number()], {
  description: 'An expression of the expression language (docs/expression-language.md), or a number.',
});
/** An object whose keys are names, each holding a `value`. */
const named = <T extends TSchema>(value: T, options: object = {}) =>
  Type.Record(Name, value, { additionalProperties: false, ...options });
const closed = { additionalProperties: false } as const;

/** An inline model spec as core's `validateModel` takes it; core checks it, with its own messages. */
export const ModelSpecSchema = Type.Object(
  {
    name: Type.String({ minLength: 1 }),
    description: Type.Optional(Type.String()),
    inputUnit: Type.Optional(Type.String()),
    reference: Type.Optional(Type.String()),
    inputRange: Type.Optional(
      Type.Object(
        { min: Type.Number(), max: Type.Number() },
        { ...closed, description: 'min < max (core checks)' },
      ),
    ),
    parameters: named(
      Type.Object(
        {
          default: Type.Union([Type.Number(), Type.Null()]),
          unit: Type.Optional(Type.String()),
          description: Type.Optional(Type.String()),
          constraint: Type.Optional(oneOf(['positive', 'nonnegative'])),
          nullable: Type.Optional(Type.Boolean()),
          perNeuron: Type.Optional(Type.Boolean()),
        },
        closed,
      ),
    ),
    state: named(
      Type.Object(
        {
          initial: Expression,
          unit: Type.Optional(Type.String()),
          description: Type.Optional(Type.String()),
        },
        closed,
      ),
    ),
    definitions: Type.Optional(named(Type.String())),
    equations: Type.Optional(named(Expression)),
    threshold: Type.Optional(Type.String()),
    reset: Type.Optional(named(Expression)),
    refractory: Type.Optional(Type.Object({ period: Expression, freeze: Type.Array(Name) }, closed)),
    bounds: Type.Optional(
      named(Type.Object({ lower: Type.Optional(Expression), upper: Type.Optional(Expression) }, closed)),
    ),
    overflowGuard: Type.Optional(named(Name)),
  },
  {
    ...closed,
    description: 'An inline model spec, as core’s validateModel takes it (docs/custom-models.md).',
  },
);

/** The model library's names, as a scenario's `"model"` may give them. */
export const MODEL_NAMES: readonly string[] = Object.keys(MODEL_LIBRARY);

/** The integration schemes a scenario can pick: core's. */
export const INTEGRATOR_NAMES: readonly string[] = CORE_INTEGRATOR_NAMES;

/** Refractory modes of core's Population. */
export const REFRACTORY_MODES: readonly RefractoryMode[] = CORE_REFRACTORY_MODES;

const Linspace = Type.Object(
  {
    linspace: Type.Array(Type.Number(), {
      minItems: 2,
      maxItems: 2,
      title: 'an array of 2 numbers [from, to]',
    }),
  },
  { ...closed, title: '{ "linspace": [from, to] }' },
);

const ConstantInput = Type.Union([Type.Number(), Numbers, Type.Array(Numbers, { minItems: 1 }), Linspace], {
  title: 'a finite number, [n] numbers, [batchSize][n] numbers or { "linspace": [from, to] }',
  description:
    'A number, [n], [batchSize][n], or { linspace: [from, to] }: n values evenly spaced from..to inclusive.',
});

const StepsInput = Type.Array(Type.Array(Numbers, { minItems: 1 }), {
  minItems: 1,
  description: '[steps][batchSize][n]',
});

export const ScenarioSchema = Type.Object(
  {
    model: Type.Union([oneOf(MODEL_NAMES), ModelSpecSchema], {
      description: 'A model library name (see docs/models/library.md) or an inline model spec.',
    }),
    n: Type.Integer({ minimum: 1, description: 'Neurons per batch row.' }),
    batchSize: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
    dt: Type.Optional(Type.Number({ exclusiveMinimum: 0, default: 0.1, description: 'Time step in ms.' })),
    steps: PositiveInteger,
    dtype: Type.Optional(oneOf(DTYPES, { default: 'float32' })),
    integrator: Type.Optional(
      oneOf(INTEGRATOR_NAMES, { default: DEFAULT_INTEGRATOR, description: 'Integration scheme.' }),
    ),
    refractory: Type.Optional(
      oneOf(REFRACTORY_MODES, {
        default: DEFAULT_REFRACTORY_MODE,
        description: '"steps": an integer number of frozen steps; "seed": the seed\'s float countdown.',
      }),
    ),
    sumInput: Type.Optional(Type.Boolean({ default: false })),
    params: Type.Optional(
      named(Type.Union([Type.Number(), Numbers, Type.Null()]), {
        description:
          'Model parameters; each a number, one per neuron, or null where the model allows it. For a library model, only its parameters (see $defs.libraryParams).',
      }),
    ),
    init: Type.Optional(
      named(Type.Union([Type.Number(), Numbers]), {
        description:
          'Initial state by state variable: one number for all, n numbers (one per neuron) or batchSize*n (row-major).',
      }),
    ),
    traces: Type.Optional(
      Type.Object(
        {
          enabled: Type.Optional(Type.Boolean()),
          additive: Type.Optional(Type.Boolean()),
          // Its constraint (> 0) is core's to check, like every parameter's.
          traceTau: Type.Optional(Parameter),
          traceScale: Type.Optional(Parameter),
        },
        closed,
      ),
    ),
    input: Type.Optional(
      Type.Union([
        Type.Object({ constant: ConstantInput }, closed),
        Type.Object({ steps: StepsInput }, closed),
      ]),
    ),
    record: Type.Optional(
      Type.Object(
        {
          vars: Type.Optional(
            Type.Array(Name, {
              uniqueItems: true,
              title: 'an array of state variable names',
              description:
                'State to record: v, traces or any state variable of the model (also refractory, summedInput).',
            }),
          ),
          vStride: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
        },
        closed,
      ),
    ),
  },
  closed,
);

/** The defaults the schema states for absent fields, for the CLI to report (core applies its own). */
export const SCENARIO_DEFAULTS = {
  integrator: ScenarioSchema.properties.integrator.default as string,
} as const;

type ScenarioShape = Static<typeof ScenarioSchema>;

/**
 * A checked scenario file, still in its JSON shape (so a trace can carry it verbatim). Absent optional
 * fields mean the core's defaults. `model` is a library name or core's `ModelSpec`.
 */
export type Scenario = Omit<ScenarioShape, 'model'> & { model: string | ModelSpec };

// Network scenarios: populations, spike sources and projections run together (docs/cli.md#network-scenarios).

const NonNegativeInteger = Type.Integer({ minimum: 0 });
const Seed = Type.Integer({ minimum: 0, description: 'Seed of the random draws (an integer >= 0).' });

/** A value per neuron drawn at random, reproducibly from its seed. */
const RandomInit = Type.Union(
  [
    Type.Object(
      {
        uniform: Type.Array(Type.Number(), {
          minItems: 2,
          maxItems: 2,
          title: 'an array of 2 numbers [low, high]',
        }),
        seed: Type.Optional(Seed),
      },
      { ...closed, required: ['uniform'] },
    ),
    Type.Object(
      {
        normal: Type.Array(Type.Number(), {
          minItems: 2,
          maxItems: 2,
          title: 'an array of 2 numbers [mean, sd]',
        }),
        seed: Type.Optional(Seed),
      },
      { ...closed, required: ['normal'] },
    ),
  ],
  { title: '{ "uniform": [low, high], "seed": s } or { "normal": [mean, sd], "seed": s }' },
);

const NetworkPopulationSchema = Type.Object(
  {
    name: Name,
    model: Type.Union([Type.String({ minLength: 1, title: 'a model name' }), ModelSpecSchema], {
      description: 'A name from the network\'s "models", a model library name, or an inline model spec.',
    }),
    n: Type.Integer({ minimum: 1, description: 'Neurons.' }),
    params: Type.Optional(named(Type.Union([Type.Number(), Numbers, Type.Null()]))),
    init: Type.Optional(
      named(Type.Union([Type.Number(), Numbers, RandomInit]), {
        description:
          'Initial state by state variable: a number, n numbers, or drawn per neuron from { uniform } or { normal } (seed default 0).',
      }),
    ),
    input: Type.Optional(
      Type.Union([Type.Number(), Numbers], {
        description: 'Constant input current I: a number or n numbers.',
      }),
    ),
    integrator: Type.Optional(oneOf(INTEGRATOR_NAMES)),
    refractory: Type.Optional(oneOf(REFRACTORY_MODES)),
  },
  closed,
);

const SpikeSourceSchema = Type.Object(
  {
    name: Name,
    kind: Type.Literal('spikes'),
    n: Type.Integer({ minimum: 1 }),
    spikes: Type.Optional(
      Type.Array(Type.Array(NonNegativeInteger, { minItems: 2, maxItems: 2 }), {
        title: 'an array of [step, index] pairs',
        description: 'Spikes as [step, index]; give this or times.',
      }),
    ),
    times: Type.Optional(
      Type.Array(Type.Array(Type.Number({ minimum: 0 }), { minItems: 2, maxItems: 2 }), {
        title: 'an array of [time, index] pairs',
        description: 'Spikes as [time in ms, index]; give this or spikes.',
      }),
    ),
  },
  { ...closed, required: ['name', 'kind', 'n'] },
);

const PoissonSourceSchema = Type.Object(
  {
    name: Name,
    kind: Type.Literal('poisson'),
    n: Type.Integer({ minimum: 1 }),
    rate: Type.Union(
      [Type.Number({ minimum: 0 }), Type.Array(Type.Number({ minimum: 0 }), { minItems: 1 })],
      {
        description: 'Hz: one rate or n rates.',
      },
    ),
    seed: Seed,
  },
  closed,
);

/** A per-synapse value: a number, one per synapse, or an expression of i, j, rand() and randn(). */
const SynapseValue = Type.Union([Type.Number(), Numbers, Type.String({ minLength: 1 })], {
  title: 'a number, one number per synapse or an expression of i, j, rand(), randn()',
});

const Connector = Type.Union(
  [
    Type.Object(
      { kind: Type.Literal('all-to-all'), allowSelfConnections: Type.Optional(Type.Boolean()) },
      closed,
    ),
    Type.Object({ kind: Type.Literal('one-to-one') }, closed),
    Type.Object(
      {
        kind: Type.Literal('fixed-probability'),
        probability: Type.Number({ minimum: 0 }),
        seed: Seed,
        allowSelfConnections: Type.Optional(Type.Boolean()),
      },
      closed,
    ),
    Type.Object(
      {
        kind: Type.Literal('fixed-in-degree'),
        inDegree: NonNegativeInteger,
        seed: Seed,
        allowSelfConnections: Type.Optional(Type.Boolean()),
      },
      closed,
    ),
    Type.Object(
      {
        kind: Type.Literal('explicit'),
        i: Type.Array(NonNegativeInteger),
        j: Type.Array(NonNegativeInteger),
      },
      closed,
    ),
  ],
  { description: 'Which pairs connect; the kind picks the fields.' },
);

const ProjectionSchema = Type.Object(
  {
    source: Name,
    target: Type.Union([Name, Type.Array(Name, { minItems: 1, uniqueItems: true })], {
      title: 'a population name or an array of them',
      description: 'A population, or several: one projection per target.',
    }),
    synapse: Type.Object(
      {
        name: Type.Optional(Name),
        onPre: Type.Union(
          [Type.String({ minLength: 1 }), Type.Array(Type.String({ minLength: 1 }), { minItems: 1 })],
          {
            description: "What each spike does at the target, e.g. 'v += w' (Brian2's on_pre).",
          },
        ),
        variables: Type.Optional(
          named(SynapseValue, { description: 'Per-synapse variables and their initial values.' }),
        ),
      },
      closed,
    ),
    connector: Connector,
    delay: Type.Optional(
      Type.Union([Type.Number({ minimum: 0 }), Numbers, Type.String({ minLength: 1 })], {
        description: 'ms, rounded to whole steps: a number, one per synapse or an expression (default 0).',
      }),
    ),
    seed: Type.Optional(
      Type.Integer({
        minimum: 0,
        description: 'Seed of rand() and randn() in variable and delay expressions.',
      }),
    ),
  },
  closed,
);

const StateMonitorSchema = Type.Object(
  {
    population: Name,
    vars: Type.Array(Name, { minItems: 1, uniqueItems: true, title: 'an array of state variable names' }),
    indices: Type.Optional(
      Type.Array(NonNegativeInteger, { minItems: 1, description: 'Neurons (default all).' }),
    ),
    stride: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
  },
  closed,
);

export const NetworkSchema = Type.Object(
  {
    dt: Type.Optional(Type.Number({ exclusiveMinimum: 0, default: 0.1, description: 'Time step in ms.' })),
    dtype: Type.Optional(oneOf(DTYPES, { default: 'float64' })),
    batchSize: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
    duration: Type.Optional(Type.Number({ exclusiveMinimum: 0, description: 'ms; give this or steps.' })),
    steps: Type.Optional(Type.Integer({ minimum: 1, description: 'Steps; give this or duration.' })),
    models: Type.Optional(
      named(ModelSpecSchema, { description: 'Model specs the populations name, by name (checked by core).' }),
    ),
    populations: Type.Array(NetworkPopulationSchema, { minItems: 1 }),
    sources: Type.Optional(Type.Array(Type.Union([SpikeSourceSchema, PoissonSourceSchema]))),
    projections: Type.Optional(Type.Array(ProjectionSchema)),
    monitors: Type.Optional(
      Type.Object(
        {
          spikes: Type.Optional(
            Type.Array(Name, {
              uniqueItems: true,
              description: 'Groups whose spikes the trace keeps (default all).',
            }),
          ),
          state: Type.Optional(Type.Array(StateMonitorSchema)),
        },
        closed,
      ),
    ),
  },
  { ...closed, required: ['populations'] },
);

export const NetworkScenarioSchema = Type.Object(
  {
    description: Type.Optional(Type.String({ description: 'What the network is, with its sources.' })),
    network: NetworkSchema,
  },
  closed,
);

type NetworkScenarioShape = Static<typeof NetworkScenarioSchema>;
type NetworkShape = NetworkScenarioShape['network'];
type PopulationShape = NetworkShape['populations'][number];

/** A network population as a scenario gives it; `model` is a library name or core's `ModelSpec`. */
export type NetworkPopulationScenario = Omit<PopulationShape, 'model'> & { model: string | ModelSpec };

/** A checked network scenario file, in its JSON shape. */
export type NetworkScenario = Omit<NetworkScenarioShape, 'network'> & {
  network: Omit<NetworkShape, 'populations' | 'models'> & {
    models?: Record<string, ModelSpec>;
    populations: NetworkPopulationScenario[];
  };
};
