import {
  type Expr,
  hoistReciprocals,
  mapChildren,
  optimizeStatements,
  type PhasedProgram,
  type Statement,
  type StepProgram,
} from '@synapticflow/core/backend';

/** `exact`: every float32 operation rounded (Math.fround), as the seed's PyTorch code; `fast`: see jsBackend. */
export type Precision = 'exact' | 'fast';

/**
 * The fast mode's rewrite of a float32 program: scalar parameters folded in, then every division by a
 * constant or a per-neuron parameter turned into a multiplication by its reciprocal. Each per-neuron reciprocal
 * is a new parameter (named after its parameter, a plain identifier), computed once here in float32.
 */
export function withHoistedReciprocals(
  program: StepProgram,
  parameters: Readonly<Record<string, number | ArrayLike<number>>>,
): { program: StepProgram; reciprocals: Map<string, Float32Array> } {
  const folded = optimizeStatements(program.statements, {
    fold: {
      dtype: 'float32',
      constantOf: (name) => (typeof parameters[name] === 'number' ? parameters[name] : undefined),
    },
  });
  const hoisted = hoistReciprocals(folded, {
    dtype: 'float32',
    isPerNeuronParameter: (name) => parameters[name] !== undefined && typeof parameters[name] !== 'number',
  });
  const taken = new Set([...program.parameters, ...program.state.map((s) => s.name)]);
  const renamed = new Map<string, string>();
  const reciprocals = new Map<string, Float32Array>();
  for (const [hoistedName, parameter] of hoisted.reciprocals) {
    let name = `reciprocal_${parameter}`;
    while (taken.has(name)) name = `_${name}`;
    taken.add(name);
    renamed.set(hoistedName, name);
    const values = parameters[parameter] as ArrayLike<number>;
    reciprocals.set(
      name,
      Float32Array.from(values, (value) => 1 / Math.fround(value)),
    );
  }
  const statements = hoisted.statements.map((s) => ({ ...s, expr: renameIdentifiers(s.expr, renamed) }));
  return {
    program: { ...program, parameters: [...program.parameters, ...reciprocals.keys()], statements },
    reciprocals,
  };
}

/**
 * `withHoistedReciprocals` for a network population's two phases: each phase's statements folded and their
 * divisions turned into multiplications by reciprocals, a parameter's reciprocal shared by both phases.
 */
export function phasesWithHoistedReciprocals(
  phased: PhasedProgram,
  parameters: Readonly<Record<string, number | ArrayLike<number>>>,
): { phased: PhasedProgram; reciprocals: Map<string, Float32Array> } {
  const { program } = phased;
  const taken = new Set([...program.parameters, ...program.state.map((s) => s.name)]);
  const reciprocals = new Map<string, Float32Array>();
  const nameOf = new Map<string, string>(); // parameter -> its reciprocal's name
  const rewrite = (statements: readonly Statement[]): Statement[] => {
    const folded = optimizeStatements(statements, {
      fold: {
        dtype: 'float32',
        constantOf: (name) => (typeof parameters[name] === 'number' ? parameters[name] : undefined),
      },
    });
    const hoisted = hoistReciprocals(folded, {
      dtype: 'float32',
      isPerNeuronParameter: (name) => parameters[name] !== undefined && typeof parameters[name] !== 'number',
    });
    const renamed = new Map<string, string>();
    for (const [hoistedName, parameter] of hoisted.reciprocals) {
      let name = nameOf.get(parameter);
      if (name === undefined) {
        name = `reciprocal_${parameter}`;
        while (taken.has(name)) name = `_${name}`;
        taken.add(name);
        nameOf.set(parameter, name);
        const values = parameters[parameter] as ArrayLike<number>;
        reciprocals.set(
          name,
          Float32Array.from(values, (value) => 1 / Math.fround(value)),
        );
      }
      renamed.set(hoistedName, name);
    }
    return hoisted.statements.map((s) => ({ ...s, expr: renameIdentifiers(s.expr, renamed) }));
  };
  const integrate = rewrite(phased.integrate);
  const afterSpike = rewrite(phased.afterSpike);
  return {
    // Expressions change, statements do not: whatever else the split says of them still holds.
    phased: {
      ...phased,
      program: { ...program, parameters: [...program.parameters, ...reciprocals.keys()] },
      integrate,
      afterSpike,
    },
    reciprocals,
  };
}

function renameIdentifiers(expr: Expr, names: ReadonlyMap<string, string>): Expr {
  const name = expr.kind === 'identifier' ? names.get(expr.name) : undefined;
  if (name !== undefined) return { ...expr, name } as Expr;
  return mapChildren(expr, (child) => renameIdentifiers(child, names));
}

/**
 * The fast mode's float32 rounding, for an expression evaluated in double: literals are float32 values, and
 * every sum and difference is rounded, but products, quotients and function values are not: each enters the
 * next sum unrounded, as a fused multiply-add's product does. Rounding once per statement instead kept bits
 * that the seed's float32 sums drop where they cancel, and drifted from its traces by 0.17 mV near rheobase.
 */
export function withSumsRounded(expr: Expr): Expr {
  if (expr.kind === 'number') return { ...expr, value: Math.fround(expr.value) };
  const mapped = mapChildren(expr, withSumsRounded);
  if (mapped.kind === 'binary' && (mapped.op === '+' || mapped.op === '-'))
    return { kind: 'call', fn: 'float32', args: [mapped] };
  return mapped;
}

/** Whether a statement's value is a boolean: comparisons, logic, boolean literals, state and lets. */
export function isBooleanExpression(expr: Expr, booleanNames: ReadonlySet<string>): boolean {
  switch (expr.kind) {
    case 'boolean':
      return true;
    case 'identifier':
      return booleanNames.has(expr.name);
    case 'unary':
      return expr.op === 'not';
    case 'select':
      return isBooleanExpression(expr.whenTrue, booleanNames);
    case 'binary':
      return ['and', 'or', '==', '!=', '<', '<=', '>', '>='].includes(expr.op);
    default:
      return false;
  }
}
