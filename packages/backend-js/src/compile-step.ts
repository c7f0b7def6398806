import {
  checkProgramIdentifiers,
  type Dtype,
  emitJsExpression,
  inputBlock,
  JS_MATH_PRELUDE,
  jsNumberLiteral,
  type KernelInput,
  optimizeStatements,
  type StepProgram,
  stateUsage,
} from '@synapticflow/core/backend';

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
): string {
  checkProgramIdentifiers(program, 'js backend');
  const isPerNeuron = (name: string): boolean => typeof parameters[name] !== 'number';
  // Of core's passes only let inlining: scalar parameters are literals in the source, which V8 folds itself.
  const statements = optimizeStatements(program.statements, { inlineLets: true });
  const stateNames = new Set(program.state.map((s) => s.name));
  const booleanState = new Set(program.state.filter((s) => s.type === 'boolean').map((s) => s.name));
  // State read before the step first assigns it must be loaded; the rest only needs a local.
  const { read, loaded, written } = stateUsage(statements, stateNames);
  const locals = new Set(statements.filter((s) => s.kind === 'let').map((s) => s.name));

  const names = {
    resolve(name: string): string {
      if (name === 'I') return 'I';
      if (name === 't') return 't';
      if (stateNames.has(name)) return `s_${name}`;
      if (locals.has(name)) return `l_${name}`;
      if (isPerNeuron(name)) return `P_${name}[j]`;
      return `p_${name}`;
    },
  };
  const lines: string[] = [];
  const emit = (line: string, depth: number): void => {
    lines.push('  '.repeat(depth) + line);
  };

  // The neuron loop is a function of its own, called per block of neurons: V8 then optimises it as a whole
  // after a few calls. A loop that runs a whole simulation in one call stays in its on-stack-replacement code,
  // which some processes keep, about 30% slower.
  emit('function sweep(state, params, input, base, t, b, j0, j1) {', 0);
  emit(JS_MATH_PRELUDE, 1);
  for (const name of stateNames) emit(`const S_${name} = state[${JSON.stringify(name)}];`, 1);
  // Scalar parameters are fixed for the kernel's life: literals let the JIT fold them into the arithmetic.
  for (const name of program.parameters) {
    const value = parameters[name]!;
    if (typeof value === 'number') emit(`const p_${name} = ${jsNumberLiteral(value)};`, 1);
    else emit(`const P_${name} = params[${JSON.stringify(name)}];`, 1);
  }
  if (variant.layout === 'scalar') emit('const I = input[base];', 1);
  emit(`let i = b * ${shape.n} + j0;`, 1);
  emit('for (let j = j0; j < j1; j++, i++) {', 1);
  if (variant.layout === 'neuron') emit('const I = input[base + j];', 2);
  if (variant.layout === 'full') emit('const I = input[base + i];', 2);
  for (const name of loaded) {
    const load = booleanState.has(name) ? `S_${name}[i] !== 0` : `S_${name}[i]`;
    emit(`let s_${name} = ${load};`, 2);
  }
  for (const name of written) if (!loaded.has(name)) emit(`let s_${name};`, 2);
  for (const statement of statements) {
    const code = emitJsExpression(statement.expr, dtype, names);
    if (statement.kind === 'let') emit(`const l_${statement.name} = ${code};`, 2);
    else emit(`s_${statement.name} = ${code};`, 2);
  }
  for (const name of written) {
    emit(booleanState.has(name) ? `S_${name}[i] = s_${name} ? 1 : 0;` : `S_${name}[i] = s_${name};`, 2);
  }
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
