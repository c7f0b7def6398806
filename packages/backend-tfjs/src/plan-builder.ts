import { kernelExec, type SlotExec } from './kernel-ops.js';
import { type KernelTensors, numberKey } from './kernel-tensors.js';
import type { Tensor, TfjsNamespace } from './tf-namespace.js';

/**
 * When a value can be computed: once per kernel (literals, parameters), once per `run` call (needs the
 * run's constant input), or on every step (needs state, time or a per-step input).
 */
export const KERNEL = 0;
export const RUN = 1;
export const STEP = 2;
export type Tier = typeof KERNEL | typeof RUN | typeof STEP;

/** Tensor shapes a value can have: a scalar, [n] (per neuron), or [batchSize, n] (like state). */
export const SCALAR = 0;
export const NEURON = 1;
export const FULL = 2;
export type ShapeClass = typeof SCALAR | typeof NEURON | typeof FULL;

/** A compiled expression: the slot that holds its tensor during a step. */
export interface Value {
  readonly slot: number;
  readonly tier: Tier;
  readonly shape: ShapeClass;
  readonly bool: boolean;
  /** What it computes; equal keys are equal values (common subexpressions share one kernel). */
  readonly key: string;
}

/** One kernel launch of a run or a step: `slots[out] = exec(slots)`. */
export interface Instruction {
  readonly out: number;
  readonly tier: Tier;
  readonly inputs: readonly number[];
  readonly exec: SlotExec;
  /** The kernel's name, for plan inspection. */
  readonly label: string;
}

/**
 * Turns operations on values into kernel-lifetime tensors or instructions, by tier. An operation whose
 * operands are all kernel-tier runs now, once; others become instructions of the run or of every step.
 */
export class PlanBuilder {
  /** Kernel-lifetime tensors by slot; the kernel copies them into the step's slots. */
  readonly constants = new Map<number, Tensor>();
  readonly instructions: Instruction[] = [];
  private slotCount = 0;
  private readonly byKey = new Map<string, Value>();

  constructor(
    private readonly tf: TfjsNamespace,
    private readonly tensors: KernelTensors,
    private readonly fullShape: readonly [number, number],
  ) {}

  get slots(): number {
    return this.slotCount;
  }

  /** A value the kernel fills before a step or run (state, input, time). */
  external(tier: Tier, shape: ShapeClass, bool: boolean): Value {
    const slot = this.slotCount++;
    return { slot, tier, shape, bool, key: `#${slot}` };
  }

  number(value: number): Value {
    return this.kernelValue(`c:${numberKey(value)}`, SCALAR, false, () => this.tf.scalar(value, 'float32'));
  }

  boolean(value: boolean): Value {
    return this.kernelValue(`b:${value}`, SCALAR, true, () => this.tf.scalar(value, 'bool'));
  }

  /** A per-neuron parameter as an [n] tensor, broadcast by tfjs against [batchSize, n] state. */
  perNeuron(name: string, values: ArrayLike<number>): Value {
    return this.kernelValue(`p:${name}`, NEURON, false, () =>
      this.tf.tensor(Float32Array.from(values), [values.length], 'float32'),
    );
  }

  /** `kernel(args)`; `fresh` forces a new step-tier tensor (a state variable must own its tensor). */
  apply(kernel: string, args: readonly Value[], bool: boolean, fresh = false): Value {
    const run = (inputs: readonly number[]) => kernelExec(this.tf, kernel, inputs);
    return this.operation(kernel, args, bool, args.length ? maxShape(args) : SCALAR, run, fresh);
  }

  /** `value` at [batchSize, n], as `Select` and state need. */
  toFull(value: Value, fresh = false): Value {
    if (value.shape === FULL && !fresh) return value;
    if (value.shape === FULL) return this.apply('Identity', [value], value.bool, true);
    const shape = this.fullShape as [number, number];
    const broadcast = ([input]: readonly number[]): SlotExec => {
      return (slots) => this.tf.broadcastTo(slots[input!]!, shape);
    };
    return this.operation('BroadcastTo', [value], value.bool, FULL, broadcast, fresh);
  }

  private operation(
    label: string,
    args: readonly Value[],
    bool: boolean,
    shape: ShapeClass,
    execFor: (inputs: readonly number[]) => SlotExec,
    fresh: boolean,
  ): Value {
    const tier = fresh ? STEP : (Math.max(KERNEL, ...args.map((a) => a.tier)) as Tier);
    const key = `${label}(${args.map((a) => a.key).join(',')})`;
    const known = fresh ? undefined : this.byKey.get(key);
    if (known) return known;
    if (tier === KERNEL) {
      const tensors = args.map((a) => this.constants.get(a.slot)!);
      const exec = execFor(tensors.map((_, i) => i));
      return this.kernelValue(key, shape, bool, () => exec(tensors));
    }
    const value = this.external(tier, shape, bool);
    const inputs = args.map((a) => a.slot);
    this.instructions.push({ out: value.slot, tier, inputs, exec: execFor(inputs), label });
    if (!fresh) this.byKey.set(key, value);
    return value;
  }

  private kernelValue(key: string, shape: ShapeClass, bool: boolean, make: () => Tensor): Value {
    const known = this.byKey.get(key);
    if (known) return known;
    const slot = this.slotCount++;
    this.constants.set(slot, this.tensors.get(key, make));
    const value: Value = { slot, tier: KERNEL, shape, bool, key };
    this.byKey.set(key, value);
    return value;
  }
}

function maxShape(values: readonly Value[]): ShapeClass {
  return Math.max(...values.map((v) => v.shape)) as ShapeClass;
}
