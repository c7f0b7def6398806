import type { Expr } from '../expr/ast.js';

/**
 * The per-neuron step program: what every backend compiles. It is model-agnostic, an ordered list of
 * assignments over expressions, run once per neuron and batch row per time step.
 *
 * Symbols an expression may read: parameters (scalar or per neuron), state variables, earlier `let`s,
 * the input current `I` of this neuron and step, and `t` (ms, the time at the start of the step).
 * `dt` is already a number literal. Conditionals are `select` nodes, never branches, so GPU and tensor
 * backends can evaluate both sides; the untaken side must not leak into the result (no `0 * Infinity`).
 */
export interface StepProgram {
  readonly specificationVersion: 'v1';
  readonly model: string;
  /** Every parameter the statements read, including derived ones; the population supplies their values. */
  readonly parameters: readonly string[];
  /** Per-neuron constants that the population computes from the parameters before the run. */
  readonly derived: readonly DerivedParameter[];
  readonly state: readonly ProgramState[];
  readonly statements: readonly Statement[];
  /** The boolean state that holds this step's spikes, or null for a model without a threshold. */
  readonly spikes: string | null;
  /** The number of steps the program's own clock (for `t`) has taken is the caller's business. */
  readonly dt: number;
}

/** A parameter the program computes once from others (e.g. a decay factor). */
export interface DerivedParameter {
  name: string;
  expr: Expr;
  /** `dtype`: evaluated in the population's arithmetic (as the seed does); `float64`: exactly. */
  precision: 'dtype' | 'float64';
}

/** A state variable of the program: its name, type and initial value. */
export interface ProgramState {
  name: string;
  type: 'number' | 'boolean';
  /** Initial value, an expression of parameters. */
  initial: Expr;
}

/** `let` binds a temporary for the rest of this neuron's step; `set` assigns a state variable. */
export interface Statement {
  kind: 'let' | 'set';
  name: string;
  expr: Expr;
}
