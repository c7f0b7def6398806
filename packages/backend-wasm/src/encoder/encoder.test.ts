import { describe, expect, test } from 'vitest';
import { FunctionBuilder } from './function-builder.js';
import { signedLeb128, unsignedLeb128 } from './leb128.js';
import { ModuleBuilder } from './module-builder.js';

describe('LEB128', () => {
  test.each([
    [0, [0x00]],
    [1, [0x01]],
    [127, [0x7f]],
    [128, [0x80, 0x01]],
    [300, [0xac, 0x02]],
    [624485, [0xe5, 0x8e, 0x26]],
    [0xffffffff, [0xff, 0xff, 0xff, 0xff, 0x0f]],
  ])('unsigned %d', (value, bytes) => {
    expect(unsignedLeb128(value)).toEqual(bytes);
  });

  test.each([
    [0, [0x00]],
    [63, [0x3f]],
    [64, [0xc0, 0x00]],
    [-1, [0x7f]],
    [-64, [0x40]],
    [-65, [0xbf, 0x7f]],
    [-123456, [0xc0, 0xbb, 0x78]],
    [0x7fffffff, [0xff, 0xff, 0xff, 0xff, 0x07]],
    [-0x80000000, [0x80, 0x80, 0x80, 0x80, 0x78]],
  ])('signed %d', (value, bytes) => {
    expect(signedLeb128(value)).toEqual(bytes);
  });

  test('rejects values outside 32 bits and non-integers', () => {
    expect(() => unsignedLeb128(-1)).toThrow(RangeError);
    expect(() => unsignedLeb128(2 ** 32)).toThrow(RangeError);
    expect(() => signedLeb128(2 ** 31)).toThrow(RangeError);
    expect(() => signedLeb128(1.5)).toThrow(RangeError);
  });
});

describe('module builder', () => {
  const instantiate = (module: ModuleBuilder, imports = {}) =>
    new WebAssembly.Instance(new WebAssembly.Module(module.bytes()), imports).exports;

  test('a module with one exported function validates and runs', () => {
    const code = new FunctionBuilder(['i32', 'i32'], ['i32']);
    code.get(0).get(1).op('i32.add');
    const module = new ModuleBuilder();
    module.addFunction(code, 'add');
    expect(WebAssembly.validate(module.bytes())).toBe(true);
    expect((instantiate(module).add as (a: number, b: number) => number)(40, 2)).toBe(42);
  });

  test('imports a function and a memory; locals, loops and SIMD lanes work', () => {
    // sum(n): the sum of 4-lane f32 vectors at 0, 16, ... n-16, lane by lane, plus the imported one().
    const module = new ModuleBuilder().importMemory('env', 'memory', 1);
    const one = module.importFunction('env', 'one', [], ['f64']);
    const code = new FunctionBuilder(['i32'], ['f64']);
    const at = code.local('i32');
    const sum = code.local('v128');
    code.begin('block').begin('loop');
    code.get(at).get(0).op('i32.ge_u').brIf(1);
    code.get(sum).get(at).simdMemory('v128.load', { offset: 0, align: 4 }).simd('f32x4.add').set(sum);
    code.get(at).i32Const(16).op('i32.add').set(at).br(0);
    code.op('end').op('end');
    code.call(one);
    for (let lane = 0; lane < 4; lane++) {
      code.get(sum).simdLane('f32x4.extract_lane', lane).op('f64.promote_f32').op('f64.add');
    }
    module.addFunction(code, 'sum');
    const memory = new WebAssembly.Memory({ initial: 1 });
    new Float32Array(memory.buffer).set([1, 2, 3, 4, 10, 20, 30, 40]);
    const exports = instantiate(module, { env: { memory, one: () => 1 } });
    expect((exports.sum as (n: number) => number)(32)).toBe(111);
  });

  test('groups locals of the same type into one declaration', () => {
    const code = new FunctionBuilder([], []);
    for (const type of ['i32', 'i32', 'v128', 'v128', 'v128', 'f64'] as const) code.local(type);
    // 3 groups: (2 × i32) (3 × v128) (1 × f64), then `end`
    expect([...code.body()]).toEqual([3, 2, 0x7f, 3, 0x7b, 1, 0x7c, 0x0b]);
  });

  test('refuses unbalanced blocks and immediates given the wrong way', () => {
    const code = new FunctionBuilder([], []);
    code.begin('block');
    expect(() => code.body()).toThrow(/unclosed/);
    expect(() => code.op('local.get')).toThrow(/immediates/);
    expect(() => code.simd('v128.const')).toThrow(/immediates/);
    expect(() => new ModuleBuilder().importMemory('env', 'mémoire', 1).bytes()).toThrow(/ASCII/);
  });

  test('an instruction the engine does not know fails validation', () => {
    const code = new FunctionBuilder([], []);
    code.op('nop');
    const bytes = (() => {
      const module = new ModuleBuilder();
      module.addFunction(code);
      return module.bytes();
    })();
    expect(WebAssembly.validate(bytes)).toBe(true);
    const broken = Uint8Array.from(bytes);
    broken[broken.length - 2] = 0xff; // the nop becomes an undefined opcode
    expect(WebAssembly.validate(broken)).toBe(false);
  });
});
