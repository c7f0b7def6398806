/** A neuron model as data: the shape users write in TypeScript or JSON. */

export type ParameterConstraint = 'positive' | 'nonnegative';

/** A model parameter: its default, unit, constraint and whether it may vary per neuron. */
export interface ParameterSpec {
  /** Value used when the population does not set it; `null` turns off what reads it (needs `nullable`). */
  default: number | null;
  unit?: string;
  description?: string;
  /** `positive` (> 0) or `nonnegative` (>= 0); every parameter must also be finite. */
  constraint?: ParameterConstraint;
  /** The parameter may be `null`; a bound that reads a null parameter is off. */
  nullable?: boolean;
  /** One value per neuron is allowed (default true). */
  perNeuron?: boolean;
}

/** A state variable: its initial value and unit. */
export interface StateSpec {
  /** Initial value: a number or an expression of parameters, e.g. "resetPot". */
  initial: string | number;
  unit?: string;
  description?: string;
}

/** The refractory period and the variables it freezes. */
export interface RefractorySpec {
  /** Length of the refractory period in ms: an expression of parameters. */
  period: string;
  /** State variables held constant (not integrated) while refractory. */
  freeze: string[];
}

/** Lower and upper bounds of a state variable, as expressions of parameters (applied after the reset). */
export interface BoundSpec {
  lower?: string;
  upper?: string;
}

/** A neuron model as data: parameters, state, equations, threshold, reset, refractory period and bounds. */
export interface ModelSpec {
  name: string;
  description?: string;
  /** Unit of the input current `I` (e.g. "nA"), for summaries and docs. */
  inputUnit?: string;
  /** Where the model comes from (paper, simulator), for docs. */
  reference?: string;
  /**
   * The input currents (in `inputUnit`) the model is meant for, `min` < `max`. Conformance's robustness check
   * drives the model with inputs in this range; without it, with magnitudes up to 1e6.
   */
  inputRange?: { min: number; max: number };
  parameters: Record<string, ParameterSpec>;
  state: Record<string, StateSpec>;
  /**
   * Named sub-expressions (Brian2's intermediate definitions), e.g. `{ Isyn: 'g*(E - v)' }`: usable by name in
   * equations, the threshold, resets and other definitions (not in cycles).
   */
  definitions?: Record<string, string>;
  /** `d<var>/dt` for each integrated state variable, in the variables, parameters, `I` and `t`. */
  equations?: Record<string, string>;
  /** Boolean spike condition, checked after integration on every step (also while refractory). */
  threshold?: string;
  /** Assignments applied, in order, where the neuron spiked. */
  reset?: Record<string, string>;
  refractory?: RefractorySpec;
  /** Clamps applied after the reset; a bound that reads a `null` parameter is off. */
  bounds?: Record<string, BoundSpec>;
  /**
   * Overflow guard for exponential models (NEST's approach): `{ v: 'vPeak' }` replaces v by `min(v, vPeak)`
   * inside every exp() argument, and rk2/rk4 cap every predicted stage state of v at vPeak; off while the
   * parameter is null.
   */
  overflowGuard?: Record<string, string>;
}
