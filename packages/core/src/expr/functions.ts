/** The functions expressions may call, with their arity. `float32` is internal: programs use it, users cannot. */
export interface FunctionInfo {
  arity: number;
  internal: boolean;
}

/** Every function an expression may call, by name. */
export const FUNCTIONS: Readonly<Record<string, FunctionInfo>> = {
  exp: { arity: 1, internal: false },
  log: { arity: 1, internal: false },
  sqrt: { arity: 1, internal: false },
  abs: { arity: 1, internal: false },
  tanh: { arity: 1, internal: false },
  min: { arity: 2, internal: false },
  max: { arity: 2, internal: false },
  pow: { arity: 2, internal: false },
  /** Round to the nearest float32, whatever the population's dtype (the seed's refractory countdown). */
  float32: { arity: 1, internal: true },
  /** Smallest integer >= x; used for derived per-neuron constants such as refractory step counts. */
  ceil: { arity: 1, internal: true },
};

/** The function called `name`, or undefined; never an inherited property such as `constructor`. */
export function functionInfo(name: string): FunctionInfo | undefined {
  return Object.hasOwn(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
}

export const USER_FUNCTIONS = Object.keys(FUNCTIONS).filter((name) => !FUNCTIONS[name]!.internal);

/** Names a model may not use for its own parameters or state. */
export const RESERVED_NAMES = new Set([
  'I',
  'dt',
  't',
  'true',
  'false',
  'and',
  'or',
  'not',
  ...Object.keys(FUNCTIONS),
]);
