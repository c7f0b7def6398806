import {
  checkProgramIdentifiers,
  type Dtype,
  JS_MATH_PRELUDE,
  optimizeStatements,
  type PhasedProgram,
  type Statement,
} from '@synapticflow/core/backend';
import { type EmitLine, emitNeuronStatements, emitProgramConstants } from '../compile-step.js';
import type { Precision } from '../fast-program.js';

/** The phases of a compiled population step, over neurons j0 … j1-1 of every batch row or over a spike list. */
export interface CompiledPhases {
  /** Integrates and evaluates the threshold; writes the flat indices of spiking neurons to `spikes`, returns their count. */
  integrate(
    state: Record<string, ArrayLike<number>>,
    params: Record<string, number | ArrayLike<number>>,
    input: ArrayLike<number>,
    step: number,
    spikes: Uint32Array,
    j0: number,
    j1: number,
  ): number;
  /** Refractory bookkeeping, reset, bounds and traces. */
  afterSpike(
    state: Record<string, ArrayLike<number>>,
    params: Record<string, number | ArrayLike<number>>,
    input: ArrayLike<number>,
    step: number,
    j0: number,
    j1: number,
  ): void;
  /**
   * The afterSpike statements on the elements `spikes[from..to)` (flat indices) only; null unless the program
   * allows it (`PhasedProgram.afterSpikeOnSpikesOnly`).
   */
  afterSpikeOnSpikes:
    | ((
        state: Record<string, ArrayLike<number>>,
        params: Record<string, number | ArrayLike<number>>,
        input: ArrayLike<number>,
        step: number,
        spikes: Uint32Array,
        from: number,
        to: number,
      ) => void)
    | null;
}

/**
 * Generates the source of a population's two step phases, `integrate` and `afterSpike`, each a loop over batch
 * rows and neurons that evaluates its statements with the fused kernel's emitter, so a step split in two gives
 * the same bits as one fused step. The input current `I` is one constant per neuron.
 */
export function generatePhaseSource(
  phased: PhasedProgram,
  dtype: Dtype,
  shape: { n: number; batchSize: number },
  parameters: Readonly<Record<string, number | ArrayLike<number>>>,
  precision: Precision = 'exact',
): string {
  const { program } = phased;
  checkProgramIdentifiers(program, 'js backend');
  const lines: string[] = [];
  const emit: EmitLine = (line, depth) => {
    lines.push('  '.repeat(depth) + line);
  };
  const phase = (header: string, statements: readonly Statement[], spikes: string | null): void => {
    emit(`function ${header} {`, 0);
    emit(JS_MATH_PRELUDE, 1);
    emitProgramConstants(program, parameters, emit, 1);
    emit(`const t = ${dtype === 'float32' ? 'f(step * dt)' : 'step * dt'};`, 1);
    if (spikes !== null) emit('let count = 0;', 1);
    emit(`for (let b = 0; b < ${shape.batchSize}; b++) {`, 1);
    emit(`let i = b * ${shape.n} + j0;`, 2);
    emit('for (let j = j0; j < j1; j++, i++) {', 2);
    emit('const I = input[j];', 3);
    // As in the fused loop, only lets are inlined; each phase on its own, so no let crosses delivery.
    emitNeuronStatements(
      program,
      optimizeStatements(statements, { inlineLets: true }),
      dtype,
      parameters,
      emit,
      3,
      precision,
    );
    if (spikes !== null) emit(`if (s_${spikes}) spikes[count++] = i;`, 3);
    emit('}', 2);
    emit('}', 1);
    emit(spikes !== null ? 'return count;' : 'return 0;', 1);
    emit('}', 0);
  };
  phase('integrate(state, params, input, step, spikes, j0, j1)', phased.integrate, program.spikes);
  phase('afterSpike(state, params, input, step, j0, j1)', phased.afterSpike, null);
  if (!phased.afterSpikeOnSpikesOnly) {
    emit('const afterSpikeOnSpikes = null;', 0);
    return lines.join('\n');
  }
  // The same statements over the spike list: element i = b*n + j, its per-neuron values at j.
  emit('function afterSpikeOnSpikes(state, params, input, step, spikes, from, to) {', 0);
  emit(JS_MATH_PRELUDE, 1);
  emitProgramConstants(program, parameters, emit, 1);
  emit(`const t = ${dtype === 'float32' ? 'f(step * dt)' : 'step * dt'};`, 1);
  emit('for (let q = from; q < to; q++) {', 1);
  emit('const i = spikes[q];', 2);
  emit(`const j = i % ${shape.n};`, 2);
  emit('const I = input[j];', 2);
  emitNeuronStatements(
    program,
    optimizeStatements(phased.afterSpike, { inlineLets: true }),
    dtype,
    parameters,
    emit,
    2,
    precision,
  );
  emit('}', 1);
  emit('}', 0);
  return lines.join('\n');
}

/** The body of `function (dt)` that returns both phases; workers compile the same text. */
export function phaseFactoryBody(source: string): string {
  return `"use strict";\n${source}\nreturn { integrate, afterSpike, afterSpikeOnSpikes };`;
}

/** Compiles generated phase source; `dt` is baked in as a constant. */
export function compilePhases(source: string, dt: number): CompiledPhases {
  return (new Function('dt', phaseFactoryBody(source)) as (dt: number) => CompiledPhases)(dt);
}
