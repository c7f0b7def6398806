import {
  checkProgramIdentifiers,
  type Dtype,
  emitJsExpression,
  inputBlock,
  JS_MATH_PRELUDE,
  jsNumberLiteral,
  type KernelInput,
  optimizeStatements,
  type Statement,
  type StepProgram,
  stateUsage,
} from '@synapticflow/core/backend';
import { isBooleanExpression, type Precision, withSumsRounded } from './fast-program.js';

/** Which form of the input a compiled run reads: its layout, per-step or constant, and a `beforeStep` callback. */
export interface StepVariant {
  layout: KernelInput['layout'];
  perStep: boolean;
  beforeStep: boolean;
}

/** Arguments of a compiled run function. */
export type CompiledRun = (
  state: Record<string, ArrayLike<number>>,
  params: Record<string, number | ArrayLike<number>>,
  input: ArrayLike<number>,
  steps: number,
  firstStep: number,
  recordings: readonly {
    name: string;
    stride: number;
    buffer: { set(a: ArrayLike<number>, offset: number): void };
  }[],
  beforeStep: ((step: number) => void) | undefined,
  j0: number,
  j1: number,
) => void;

/**
 * Generates the source of one fused run function: the loop over steps, and inside it, per batch row and block
 * of neurons j0 … j1-1, a call of `sweep`, the loop that evaluates the whole step program with state in locals.
 */
export function generateRunSource(
  program: StepProgram,
  dtype: Dtype,
  shape: { n: number; batchSize: number },
  parameters: Readonly<Record<string, number | ArrayLike<number>>>,
  variant: StepVariant,
  precision: Precision = 'exact',
): string {
  checkProgramIdentifiers(program, 'js backend');
  // Of core's passes only let inlining: scalar parameters are literals in the source, which V8 folds itself.
  const statements = optimizeStatements(program.statements, { inlineLets: true });
  const { read } = stateUsage(statements, new Set(program.state.map((s) => s.name)));
  const lines: string[] = [];
  const emit = (line: string, depth: number): void => {
    lines.push('  '.repeat(depth) + line);
  };

  // The neuron loop is a function of its own, called per block of neurons: V8 then optimises it as a whole
  // after a few calls. A loop that runs a whole simulation in one call stays in its on-stack-replacement code,
  // which some processes keep, about 30% slower.
  emit('function sweep(state, params, input, base, t, b, j0, j1) {', 0);
  emit(JS_MATH_PRELUDE, 1);
  emitProgramConstants(program, parameters, emit, 1);
  if (variant.layout === 'scalar') emit('const I = input[base];', 1);
  emit(`let i = b * ${shape.n} + j0;`, 1);
  emit('for (let j = j0; j < j1; j++, i++) {', 1);
  if (variant.layout === 'neuron') emit('const I = input[base + j];', 2);
  if (variant.layout === 'full') emit('const I = input[base + i];', 2);
  emitNeuronStatements(program, statements, dtype, parameters, emit, 2, precision);
  emit('}', 1);
  emit('}', 0);

  const blockLength = inputBlock(variant.layout, shape.n, shape.batchSize);
  emit('function run(state, params, input, steps, firstStep, recordings, beforeStep, j0, j1) {', 0);
  emit('const f = Math.fround;', 1);
  emit('for (let k = 0; k < steps; k++) {', 1);
  if (variant.beforeStep) emit('beforeStep(k);', 2);
  emit(
    `const t = ${read.has('t') ? (dtype === 'float32' ? 'f((firstStep + k) * dt)' : '(firstStep + k) * dt') : '0'};`,
    2,
  );
  emit(`const base = ${variant.perStep ? `k * ${blockLength}` : '0'};`, 2);
  // Columns [j0, j1) of every batch row: all of them on one thread, a slice on each of several.
  emit(`for (let b = 0; b < ${shape.batchSize}; b++) {`, 2);
  emit(`for (let c = j0; c < j1; c += ${SWEEP_NEURONS}) {`, 3);
  emit(
    `sweep(state, params, input, base, t, b, c, c + ${SWEEP_NEURONS} < j1 ? c + ${SWEEP_NEURONS} : j1);`,
    4,
  );
  emit('}', 3);
  emit('}', 2);
  emit('for (let r = 0; r < recordings.length; r++) {', 2);
  emit('const rec = recordings[r];', 3);
  emit(
    `if (k % rec.stride === 0) rec.buffer.set(state[rec.name], (k / rec.stride) * ${shape.n * shape.batchSize});`,
    3,
  );
  emit('}', 2);
  emit('}', 1);
  emit('}', 0);
  return lines.join('\n');
}

/** Appends one line of generated source at an indentation depth. */
export type EmitLine = (line: string, depth: number) => void;

/**
 * Emits the constants a neuron loop over `program` reads: `S_<state>` arrays from `state`, scalar parameters
 * as literals (fixed for the kernel's life, so the JIT folds them into the arithmetic) and per-neuron ones as
 * `P_<name>` arrays from `params`.
 */
export function emitProgramConstants(
  program: StepProgram,
  parameters: Readonly<Record<string, number | ArrayLike<number>>>,
  emit: EmitLine,
  depth: number,
): void {
  for (const variable of program.state)
    emit(`const S_${variable.name} = state[${JSON.stringify(variable.name)}];`, depth);
  for (const name of program.parameters) {
    const value = parameters[name]!;
    if (typeof value === 'number') emit(`const p_${name} = ${jsNumberLiteral(value)};`, depth);
    else emit(`const P_${name} = params[${JSON.stringify(name)}];`, depth);
  }
}

/**
 * Emits the body of a neuron loop for `statements` of `program`: state read before it is assigned is loaded
 * into a local, the statements run on locals, and assigned state is stored back. Expects in scope the
 * constants of `emitProgramConstants`, `i` (flat index), `j` (neuron), `I` and `t`. In the fast mode a float32
 * statement is evaluated in double with its sums rounded and rounded once at the end (withSumsRounded), where
 * the exact mode rounds every operation.
 */
export function emitNeuronStatements(
  program: StepProgram,
  statements: readonly Statement[],
  dtype: Dtype,
  parameters: Readonly<Record<string, number | ArrayLike<number>>>,
  emit: EmitLine,
  depth: number,
  precision: Precision = 'exact',
): void {
  const stateNames = new Set(program.state.map((s) => s.name));
  const booleanState = new Set(program.state.filter((s) => s.type === 'boolean').map((s) => s.name));
  const { loaded, written } = stateUsage(statements, stateNames);
  const locals = new Set(statements.filter((s) => s.kind === 'let').map((s) => s.name));
  const names = {
    resolve(name: string): string {
      if (name === 'I') return 'I';
      if (name === 't') return 't';
      if (stateNames.has(name)) return `s_${name}`;
      if (locals.has(name)) return `l_${name}`;
      if (typeof parameters[name] !== 'number') return `P_${name}[j]`;
      return `p_${name}`;
    },
  };
  for (const name of loaded) {
    const load = booleanState.has(name) ? `S_${name}[i] !== 0` : `S_${name}[i]`;
    emit(`let s_${name} = ${load};`, depth);
  }
  for (const name of written) if (!loaded.has(name)) emit(`let s_${name};`, depth);
  const fast = dtype === 'float32' && precision === 'fast';
  const booleans = new Set(booleanState);
  for (const statement of statements) {
    const isBoolean = isBooleanExpression(statement.expr, booleans);
    if (isBoolean && statement.kind === 'let') booleans.add(statement.name);
    const code = !fast
      ? emitJsExpression(statement.expr, dtype, names)
      : isBoolean
        ? emitJsExpression(withSumsRounded(statement.expr), 'float64', names)
        : `f(${emitJsExpression(withSumsRounded(statement.expr), 'float64', names)})`;
    if (statement.kind === 'let') emit(`const l_${statement.name} = ${code};`, depth);
    else emit(`s_${statement.name} = ${code};`, depth);
  }
  for (const name of written) {
    emit(booleanState.has(name) ? `S_${name}[i] = s_${name} ? 1 : 0;` : `S_${name}[i] = s_${name};`, depth);
  }
}

/** Compiles generated source into a function; `dt` is baked in as a constant. */
export function compileRun(source: string, dt: number): CompiledRun {
  const factory = new Function('dt', runFactoryBody(source)) as (dt: number) => CompiledRun;
  return factory(dt);
}

/** The body of `function (dt)` that returns the run function; workers compile the same text. */
export function runFactoryBody(source: string): string {
  return `"use strict";\n${source}\nreturn run;`;
}

/** Neurons per call of the generated `sweep`. */
const SWEEP_NEURONS = 4096;
