import { FunctionBuilder } from './encoder/function-builder.js';
import { ModuleBuilder } from './encoder/module-builder.js';

let supported: boolean | undefined;
let relaxedSupported: boolean | undefined;

/** Whether this engine runs WebAssembly with 128-bit SIMD (Node ≥ 16.4, Chrome ≥ 91, Firefox ≥ 89, Safari ≥ 16.4). */
export function wasmSimdSupported(): boolean {
  if (supported === undefined) {
    const code = new FunctionBuilder([], []);
    code.i32x4Const(0).simd('v128.any_true').op('drop');
    supported = validates(code);
  }
  return supported;
}

/**
 * Whether this engine has the relaxed SIMD instructions the fast mode uses (fused multiply-add, lane select):
 * Chrome ≥ 114 has them; Node 20 only with `--experimental-wasm-relaxed-simd`.
 */
export function wasmRelaxedSimdSupported(): boolean {
  if (relaxedSupported === undefined) {
    const code = new FunctionBuilder([], []);
    code.i32x4Const(0).i32x4Const(0).i32x4Const(0).simd('f32x4.relaxed_madd');
    code.i32x4Const(0).i32x4Const(0).simd('i32x4.relaxed_laneselect').op('drop');
    relaxedSupported = validates(code);
  }
  return relaxedSupported;
}

function validates(code: FunctionBuilder): boolean {
  const module = new ModuleBuilder();
  module.addFunction(code);
  return typeof WebAssembly === 'object' && WebAssembly.validate(module.bytes());
}
