import { FunctionBuilder } from './encoder/function-builder.js';
import { ModuleBuilder } from './encoder/module-builder.js';

let supported: boolean | undefined;

/** Whether this engine runs WebAssembly with 128-bit SIMD (Node ≥ 16.4, Chrome ≥ 91, Firefox ≥ 89, Safari ≥ 16.4). */
export function wasmSimdSupported(): boolean {
  if (supported === undefined) {
    const code = new FunctionBuilder([], []);
    code.i32x4Const(0).simd('v128.any_true').op('drop');
    const module = new ModuleBuilder();
    module.addFunction(code);
    supported = typeof WebAssembly === 'object' && WebAssembly.validate(module.bytes());
  }
  return supported;
}
