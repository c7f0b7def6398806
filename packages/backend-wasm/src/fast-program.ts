import { hoistReciprocals, optimizeStatements, type StepProgram } from '@synapticflow/core/backend';

/**
 * The fast mode's rewrite of a float32 program: scalar parameters folded in, then every division by a
 * constant or a per-neuron parameter turned into a multiplication by its reciprocal. Each reciprocal of a
 * per-neuron parameter is added to `perNeuron`, computed once here in float32.
 */
export function withHoistedReciprocals(
  program: StepProgram,
  scalarParameters: ReadonlyMap<string, number>,
  perNeuron: Map<string, Float64Array>,
): StepProgram {
  const folded = optimizeStatements(program.statements, {
    fold: { dtype: 'float32', constantOf: (name) => scalarParameters.get(name) },
  });
  const { statements, reciprocals } = hoistReciprocals(folded, {
    dtype: 'float32',
    isPerNeuronParameter: (name) => perNeuron.has(name),
  });
  for (const [name, parameter] of reciprocals) {
    perNeuron.set(
      name,
      perNeuron.get(parameter)!.map((value) => Math.fround(1 / Math.fround(value))),
    );
  }
  return { ...program, parameters: [...program.parameters, ...reciprocals.keys()], statements };
}
