import {
  type Dtype,
  fastArithmetic,
  hoistReciprocals,
  optimizeStatements,
  type PhasedProgram,
  type Statement,
  type StepProgram,
} from '@synapticflow/core/backend';

/**
 * The fast mode's rewrite of a program: scalar parameters folded in, then every division by a constant or a
 * per-neuron parameter turned into a multiplication by its reciprocal, rounded once to the dtype, and the
 * rewrites compilers make under -ffast-math (core's fastArithmetic). Each
 * reciprocal of a per-neuron parameter is added to `perNeuron`, computed once here in the dtype.
 */
export function withHoistedReciprocals(
  program: StepProgram,
  dtype: Dtype,
  scalarParameters: ReadonlyMap<string, number>,
  perNeuron: Map<string, Float64Array>,
): StepProgram {
  const rewrite = reciprocalRewrite(dtype, scalarParameters, perNeuron);
  const statements = rewrite(program.statements);
  return { ...program, parameters: [...program.parameters, ...rewrite.added()], statements };
}

/**
 * The same rewrite for a network population's two phases. Both parts go through one rewrite, statement by
 * statement, so a `let` repeated in the second part computes there exactly what it computed in the first.
 */
export function phasesWithHoistedReciprocals(
  phased: PhasedProgram,
  dtype: Dtype,
  scalarParameters: ReadonlyMap<string, number>,
  perNeuron: Map<string, Float64Array>,
): PhasedProgram {
  const rewrite = reciprocalRewrite(dtype, scalarParameters, perNeuron);
  const integrate = rewrite(phased.integrate);
  const afterSpike = rewrite(phased.afterSpike);
  const program = { ...phased.program, parameters: [...phased.program.parameters, ...rewrite.added()] };
  // Expressions change, statements do not: whatever else the split says of them still holds.
  return { ...phased, program, integrate, afterSpike };
}

/**
 * Statement lists rewritten one by one; `added()` names the per-neuron constants they read (reciprocals, and
 * fastArithmetic's products), each once.
 */
function reciprocalRewrite(
  dtype: Dtype,
  scalarParameters: ReadonlyMap<string, number>,
  perNeuron: Map<string, Float64Array>,
): ((statements: readonly Statement[]) => Statement[]) & { added(): string[] } {
  const round = dtype === 'float32' ? Math.fround : (x: number) => x;
  const added = new Set<string>();
  const rewrite = (statements: readonly Statement[]) => {
    // Lets read once move into their reader, so an Euler step's `let d = f * (1/tau)` meets its `d * dt`.
    const folded = optimizeStatements(statements, {
      fold: { dtype, constantOf: (name) => scalarParameters.get(name) },
      inlineLets: true,
    });
    const hoisted = hoistReciprocals(folded, { dtype, isPerNeuronParameter: (name) => perNeuron.has(name) });
    for (const [name, parameter] of hoisted.reciprocals) {
      if (added.has(name)) continue;
      added.add(name);
      perNeuron.set(
        name,
        perNeuron.get(parameter)!.map((value) => round(1 / round(value))),
      );
    }
    const fast = fastArithmetic(hoisted.statements, {
      dtype,
      perNeuronValues: (name) => perNeuron.get(name),
    });
    for (const [name, values] of fast.derived) {
      if (added.has(name)) continue;
      added.add(name);
      perNeuron.set(name, values);
    }
    return fast.statements;
  };
  return Object.assign(rewrite, { added: () => [...added] });
}
