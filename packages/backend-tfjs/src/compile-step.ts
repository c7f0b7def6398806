import { BackendError } from '@synapticflow/core';
import type { KernelInput, ParameterValue, StepProgram } from '@synapticflow/core/backend';
import { compileExpression } from './compile-expression.js';
import { foldConstants } from './fold-constants.js';
import type { KernelTensors } from './kernel-tensors.js';
import {
  FULL,
  type Instruction,
  NEURON,
  PlanBuilder,
  RUN,
  SCALAR,
  type ShapeClass,
  STEP,
  type Value,
} from './plan-builder.js';
import type { Tensor, TfjsNamespace } from './tf-namespace.js';

/** The input variants a kernel compiles separately: where `I` lives, and whether it changes per step. */
export interface PlanVariant {
  layout: KernelInput['layout'];
  /** The input changes on every step (`perStep` data or a `beforeStep` callback). */
  stepwise: boolean;
}

export interface StateSlot {
  readonly name: string;
  readonly slot: number;
}

/** A compiled step program for one input variant: which slots to fill, then the kernels to run in order. */
export interface StepPlan {
  /** Slot contents during a step; kernel-lifetime tensors are already in place. */
  readonly slots: (Tensor | undefined)[];
  /** State the step reads, loaded into these slots before each step. */
  readonly stateReads: readonly StateSlot[];
  /** Where the input goes, or null if the program never reads `I`. */
  readonly inputSlot: number | null;
  readonly timeSlot: number | null;
  /** Kernels that depend on a run's constant input but not on state: run once per `run` call. */
  readonly runInstructions: readonly Instruction[];
  /** Run-tier slots (including the input) that step kernels read. */
  readonly runSlots: readonly number[];
  readonly stepInstructions: readonly Instruction[];
  /** New tensors for the state variables the step assigns; each is a fresh tensor the state owns. */
  readonly outputs: readonly StateSlot[];
}

export interface CompileContext {
  readonly tf: TfjsNamespace;
  readonly tensors: KernelTensors;
  readonly n: number;
  readonly batchSize: number;
  readonly parameters: ReadonlyMap<string, ParameterValue>;
}

const INPUT_SHAPES: Readonly<Record<KernelInput['layout'], ShapeClass>> = {
  scalar: SCALAR,
  neuron: NEURON,
  full: FULL,
};

/**
 * Compiles a step program into kernel launches. Scalar parameters are folded in as constants; operations
 * on constants and per-neuron parameters run once per kernel, those that also need a constant input once
 * per run; only what reads state, time or a per-step input runs on every step. Unused results are dropped.
 */
export function compileStep(program: StepProgram, variant: PlanVariant, context: CompileContext): StepPlan {
  const builder = new PlanBuilder(context.tf, context.tensors, [context.batchSize, context.n]);
  const constantOf = (name: string) => {
    const value = context.parameters.get(name);
    return typeof value === 'number' ? value : undefined;
  };
  const stateTypes = new Map(program.state.map((s) => [s.name, s.type]));
  const initial = new Map<string, Value>();
  const bound = new Map<string, Value>();
  let input: Value | null = null;
  let time: Value | null = null;

  const lookup = (name: string): Value => {
    const known = bound.get(name);
    if (known) return known;
    const type = stateTypes.get(name);
    if (type) {
      const value = builder.external(STEP, FULL, type === 'boolean');
      initial.set(name, value);
      bound.set(name, value);
      return value;
    }
    if (name === 'I') {
      input ??= builder.external(variant.stepwise ? STEP : RUN, INPUT_SHAPES[variant.layout], false);
      return input;
    }
    if (name === 't') {
      time ??= builder.external(STEP, SCALAR, false);
      return time;
    }
    const parameter = context.parameters.get(name);
    if (parameter !== undefined && typeof parameter !== 'number') {
      if (parameter.length !== context.n) {
        throw new BackendError(
          `tfjs backend: parameter "${name}" has ${parameter.length} values, expected n = ${context.n}`,
        );
      }
      return builder.perNeuron(name, parameter);
    }
    throw new BackendError(`tfjs backend: the step program reads "${name}", which has no value`);
  };

  const assigned = new Map<string, Value>();
  for (const statement of program.statements) {
    const value = compileExpression(foldConstants(statement.expr, constantOf), lookup, builder);
    bound.set(statement.name, value);
    if (statement.kind === 'set') assigned.set(statement.name, value);
  }

  // Each state variable must own a fresh step tensor: copy values that are constants, run results, another
  // variable's state or already some other variable's new state.
  const initialSlots = new Set([...initial.values()].map((v) => v.slot));
  const taken = new Set<number>();
  const outputs: StateSlot[] = [];
  for (const [name, value] of assigned) {
    if (value === initial.get(name)) continue;
    const shared = value.tier !== STEP || initialSlots.has(value.slot) || taken.has(value.slot);
    const owned = shared || value.shape !== FULL ? builder.toFull(value, true) : value;
    taken.add(owned.slot);
    outputs.push({ name, slot: owned.slot });
  }

  return assemble(builder, outputs, initial, input, time);
}

/** Drops kernels no output needs and splits the rest into run and step lists. */
function assemble(
  builder: PlanBuilder,
  outputs: StateSlot[],
  initial: ReadonlyMap<string, Value>,
  input: Value | null,
  time: Value | null,
): StepPlan {
  const needed = new Set(outputs.map((o) => o.slot));
  const kept: Instruction[] = [];
  for (let at = builder.instructions.length - 1; at >= 0; at--) {
    const instruction = builder.instructions[at]!;
    if (!needed.has(instruction.out)) continue;
    kept.unshift(instruction);
    for (const slot of instruction.inputs) needed.add(slot);
  }
  const stepInstructions = kept.filter((i) => i.tier === STEP);
  const runInstructions = kept.filter((i) => i.tier === RUN);
  const runOutputs = new Set(runInstructions.map((i) => i.out));
  if (input && input.tier === RUN) runOutputs.add(input.slot);
  const runSlots = [...new Set(stepInstructions.flatMap((i) => i.inputs))].filter((s) => runOutputs.has(s));
  const slots: (Tensor | undefined)[] = new Array(builder.slots).fill(undefined);
  for (const [slot, tensor] of builder.constants) slots[slot] = tensor;
  return {
    slots,
    stateReads: [...initial]
      .filter(([, v]) => needed.has(v.slot))
      .map(([name, v]) => ({ name, slot: v.slot })),
    inputSlot: input && needed.has(input.slot) ? input.slot : null,
    timeSlot: time && needed.has(time.slot) ? time.slot : null,
    runInstructions,
    runSlots,
    stepInstructions,
    outputs,
  };
}
