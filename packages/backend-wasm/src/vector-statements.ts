import type { Statement } from '@synapticflow/core/backend';
import { type ExpressionContext, emitExpression, type Precision, type Resolved } from './emit-expression.js';
import type { FunctionBuilder } from './encoder/function-builder.js';
import type { ModuleBuilder } from './encoder/module-builder.js';
import { LANE_FUNCTIONS, type LaneFunction } from './lane-calls.js';
import type { StateRegion } from './memory-layout.js';
import type { StateAccess } from './state-access.js';
import type { VectorShape } from './vector-shape.js';

/**
 * The Math functions a module imports, each on first use. One per module, shared by its functions: imports
 * take the first function indices, so every function body is built before any is added to the module.
 */
export class LaneImports {
  readonly names: LaneFunction[] = [];
  private readonly index = new Map<LaneFunction, number>();

  constructor(private readonly module: ModuleBuilder) {}

  indexOf(name: LaneFunction): number {
    let index = this.index.get(name);
    if (index === undefined) {
      index = this.module.importFunction('math', name, Array(LANE_FUNCTIONS[name].arity).fill('f64'), [
        'f64',
      ]);
      this.index.set(name, index);
      this.names.push(name);
    }
    return index;
  }
}

/**
 * Step statements over one vector of neurons inside a function's loop: every symbol lives in its own v128
 * local, scalar parameters are constants baked into the code.
 */
export class VectorStatements {
  readonly context: ExpressionContext;
  private readonly vectors = new Map<string, number>();

  constructor(
    private readonly code: FunctionBuilder,
    shape: VectorShape,
    scalarParameters: ReadonlyMap<string, number>,
    imports: LaneImports,
    precision: Precision = 'exact',
    relaxedSimd = false,
  ) {
    this.context = {
      code,
      shape,
      precision,
      relaxedSimd,
      resolve: (name: string): Resolved => {
        const constant = scalarParameters.get(name);
        return constant !== undefined ? { constant } : { local: this.vector(name) };
      },
      laneFunction: (name: LaneFunction) => imports.indexOf(name),
    };
  }

  /** The v128 local of a symbol, allocated on first use. */
  vector(name: string): number {
    let local = this.vectors.get(name);
    if (local === undefined) {
      local = this.code.local('v128');
      this.vectors.set(name, local);
    }
    return local;
  }

  /** Loads the current vector of each named state variable into its local. */
  loadState(
    access: StateAccess,
    regions: ReadonlyMap<string, StateRegion>,
    names: Iterable<string>,
    shift = 0,
  ): void {
    for (const name of names) {
      access.load(regions.get(name)!, shift);
      this.code.set(this.vector(name));
    }
  }

  /** Evaluates each statement into the local of the name it binds or sets. */
  evaluate(statements: readonly Statement[]): void {
    for (const statement of statements) {
      emitExpression(statement.expr, this.context);
      this.code.set(this.vector(statement.name));
    }
  }

  storeState(
    access: StateAccess,
    regions: ReadonlyMap<string, StateRegion>,
    names: Iterable<string>,
    shift = 0,
  ): void {
    for (const name of names) access.store(regions.get(name)!, this.vector(name), shift);
  }
}

/**
 * Turns the f64 step number on the stack into `t = step * dt` in every lane: computed in double and rounded
 * once for float32, as backend-js computes it.
 */
export function emitTimeSplat(code: FunctionBuilder, shape: VectorShape, dt: number): void {
  code.f64Const(dt).op('f64.mul');
  if (shape.dtype === 'float32') code.op('f32.demote_f64').simd('f32x4.splat');
  else code.simd('f64x2.splat');
}
