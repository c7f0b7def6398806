import { BackendError } from '@synapticflow/core';
import {
  checkProgramIdentifiers,
  emitJsExpression,
  JS_MATH_PRELUDE,
  jsNumberLiteral,
  optimizeStatements,
  type ParameterValue,
  type StepProgram,
  stateUsage,
} from '@synapticflow/core/backend';

/** A step program as the source of one JavaScript function that advances all neurons several steps. */
export interface FusedSource {
  /** The function's body. Equal sources compute the same thing, so the source names the tfjs kernel. */
  readonly source: string;
  /** State read before the step assigns it: the kernel's state inputs, in this order. */
  readonly reads: readonly string[];
  /** State the step assigns: the kernel's outputs, in this order. */
  readonly writes: readonly { readonly name: string; readonly bool: boolean }[];
  /** Per-neuron parameters the step reads: [n] inputs, in this order. */
  readonly perNeuron: readonly string[];
  readonly readsInput: boolean;
}

/** The arguments of the function a `FusedSource` compiles to. */
export const FUSED_ARGUMENTS = [
  'reads',
  'writes',
  'params',
  'input',
  'steps',
  'firstStep',
  'n',
  'batchSize',
  'stepStride',
  'rowStride',
  'neuronStride',
] as const;

/**
 * Generates the fused float32 loop of a step program: for each step, one pass over all batch rows and
 * neurons with state in locals. Scalar parameters are folded in as float32 constants (one rounding per
 * operation, as the unfolded arithmetic would round), and lets read once are inlined, so a select stays
 * lazy. The first step reads the input state arrays, later ones the outputs the first step wrote: the
 * inputs are never written. Shapes and input strides are arguments, so one source serves every size.
 */
export function generateFusedSource(
  program: StepProgram,
  parameters: ReadonlyMap<string, ParameterValue>,
): FusedSource {
  checkProgramIdentifiers(program, 'tfjs backend');
  const constantOf = (name: string) => {
    const value = parameters.get(name);
    return typeof value === 'number' ? value : undefined;
  };
  // All of core's passes: lets that folding left unread would still be computed for every neuron.
  const statements = optimizeStatements(program.statements, {
    fold: { dtype: 'float32', constantOf },
    inlineLets: true,
    dropUnusedLets: true,
  });
  const stateNames = new Set(program.state.map((s) => s.name));
  const booleans = new Set(program.state.filter((s) => s.type === 'boolean').map((s) => s.name));
  const locals = new Set(statements.filter((s) => s.kind === 'let').map((s) => s.name));
  const { read, loaded, written } = stateUsage(statements, stateNames);
  const perNeuron = [...read].filter(
    (name) => !stateNames.has(name) && !locals.has(name) && name !== 'I' && name !== 't',
  );
  for (const name of perNeuron) {
    if (parameters.get(name) === undefined) {
      throw new BackendError(`tfjs backend: the step program reads "${name}", which has no value`);
    }
  }
  const reads = [...loaded];
  const writes = [...written].map((name) => ({ name, bool: booleans.has(name) }));
  const names = {
    resolve(name: string): string {
      if (name === 'I' || name === 't') return name;
      if (stateNames.has(name)) return `s_${name}`;
      if (locals.has(name)) return `l_${name}`;
      return `P_${name}[j]`;
    },
  };

  const lines: string[] = [];
  const emit = (line: string, depth: number): void => {
    lines.push('  '.repeat(depth) + line);
  };
  emit(JS_MATH_PRELUDE, 0);
  for (const [at, name] of reads.entries()) emit(`const In_${name} = reads[${at}];`, 0);
  for (const [at, { name }] of writes.entries()) emit(`const Out_${name} = writes[${at}];`, 0);
  for (const [at, name] of perNeuron.entries()) emit(`const P_${name} = params[${at}];`, 0);
  emit('for (let k = 0; k < steps; k++) {', 0);
  for (const name of reads.filter((r) => written.has(r))) {
    emit(`const R_${name} = k === 0 ? In_${name} : Out_${name};`, 1);
  }
  if (read.has('t')) emit(`const t = f((firstStep + k) * ${jsNumberLiteral(program.dt)});`, 1);
  emit('const base = k * stepStride;', 1);
  emit('let i = 0;', 1);
  emit('for (let b = 0; b < batchSize; b++) {', 1);
  emit('const row = base + b * rowStride;', 2);
  emit('for (let j = 0; j < n; j++, i++) {', 2);
  if (read.has('I')) emit('const I = input[row + j * neuronStride];', 3);
  for (const name of reads) {
    const from = written.has(name) ? `R_${name}` : `In_${name}`;
    emit(`let s_${name} = ${booleans.has(name) ? `${from}[i] !== 0` : `${from}[i]`};`, 3);
  }
  for (const { name } of writes) if (!loaded.has(name)) emit(`let s_${name};`, 3);
  for (const statement of statements) {
    const code = emitJsExpression(statement.expr, 'float32', names);
    emit(
      statement.kind === 'let' ? `const l_${statement.name} = ${code};` : `s_${statement.name} = ${code};`,
      3,
    );
  }
  for (const { name, bool } of writes)
    emit(`Out_${name}[i] = ${bool ? `s_${name} ? 1 : 0` : `s_${name}`};`, 3);
  emit('}', 2);
  emit('}', 1);
  emit('}', 0);
  return {
    source: lines.join('\n'),
    reads,
    writes,
    perNeuron,
    readsInput: read.has('I'),
  };
}

/** The generated loop as a function; see FUSED_ARGUMENTS. */
export type FusedLoop = (
  reads: readonly ArrayLike<number>[],
  writes: readonly (Float32Array | Uint8Array)[],
  params: readonly ArrayLike<number>[],
  input: ArrayLike<number>,
  steps: number,
  firstStep: number,
  n: number,
  batchSize: number,
  stepStride: number,
  rowStride: number,
  neuronStride: number,
) => void;

export function compileFusedLoop(source: string): FusedLoop {
  return new Function(...FUSED_ARGUMENTS, `"use strict";\n${source}`) as FusedLoop;
}
