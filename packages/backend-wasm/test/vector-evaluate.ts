import { type Dtype, type Expr, identifiersOf, parseExpression } from '@synapticflow/core/backend';
import { emitExpression, type Precision } from '../src/emit-expression.js';
import { FunctionBuilder } from '../src/encoder/function-builder.js';
import { ModuleBuilder } from '../src/encoder/module-builder.js';
import { instantiate } from '../src/instantiate.js';
import { LANE_FUNCTIONS, type LaneFunction } from '../src/lane-calls.js';
import { vectorShape } from '../src/vector-shape.js';

/**
 * For tests: evaluates one expression of the language, lane by lane, through the kernel's code generator.
 * `variables` are vectors (one value per element, read from memory); `constants` are baked in as scalar
 * parameters are; `precision` is the kernel's. Returns the values in the dtype (a boolean expression must be wrapped in a select).
 */
export function vectorEvaluate(
  source: string | Expr,
  dtype: Dtype,
  variables: Record<string, readonly number[]>,
  constants: Record<string, number> = {},
  precision: Precision = 'exact',
): number[] {
  const shape = vectorShape(dtype);
  const expr =
    typeof source === 'string' ? parseExpression(source, { model: 'test', field: 'expression' }) : source;
  const names = [...identifiersOf(expr)].filter((name) => !(name in constants));
  const length = Math.max(1, ...names.map((name) => variables[name]!.length));
  const vectors = Math.ceil(length / shape.lanes);
  const regionBytes = vectors * 16;
  const module = new ModuleBuilder().importMemory('env', 'memory', 1);
  const laneFunctions: LaneFunction[] = [];
  const code = new FunctionBuilder([], []);
  const at = code.local('i32');
  const locals = new Map(names.map((name) => [name, code.local('v128')]));
  const context = {
    code,
    shape,
    precision,
    resolve: (name: string) =>
      name in constants ? { constant: constants[name]! } : { local: locals.get(name)! },
    laneFunction(name: LaneFunction) {
      laneFunctions.push(name);
      return module.importFunction('math', name, Array(LANE_FUNCTIONS[name].arity).fill('f64'), ['f64']);
    },
  };
  // Memory: one region per variable, then the output.
  code.begin('block').begin('loop');
  code.get(at).i32Const(regionBytes).op('i32.ge_u').brIf(1);
  names.forEach((name, i) => {
    code
      .get(at)
      .simdMemory('v128.load', { offset: i * regionBytes, align: 4 })
      .set(locals.get(name)!);
  });
  code.get(at);
  emitExpression(expr, context);
  code.simdMemory('v128.store', { offset: names.length * regionBytes, align: 4 });
  code.get(at).i32Const(16).op('i32.add').set(at).br(0);
  code.op('end').op('end');
  module.addFunction(code, 'run');
  const memory = new WebAssembly.Memory({
    initial: Math.ceil(((names.length + 1) * regionBytes) / 65536) + 1,
  });
  const run = instantiate(module.bytes(), memory, laneFunctions).run as () => void;
  const view = dtype === 'float32' ? new Float32Array(memory.buffer) : new Float64Array(memory.buffer);
  const perRegion = regionBytes / shape.bytes;
  names.forEach((name, i) => {
    view.set(variables[name]!, i * perRegion);
  });
  run();
  return Array.from(view.subarray(names.length * perRegion, names.length * perRegion + length));
}
