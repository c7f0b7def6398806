import { signedLeb128, unsignedLeb128 } from './leb128.js';
import {
  EMPTY_BLOCK_TYPE,
  OP,
  type Op,
  SIMD_OP,
  SIMD_PREFIX,
  type SimdOp,
  VALUE_TYPE,
  type ValueType,
} from './opcodes.js';

/** SIMD instructions that take immediates, each emitted by its own method (memarg, lane, 16 bytes). */
const SIMD_WITH_IMMEDIATES = new Set<SimdOp>([
  'v128.load',
  'v128.load32_splat',
  'v128.load64_splat',
  'v128.store',
  'v128.load32_zero',
  'v128.store8_lane',
  'v128.store32_lane',
  'v128.const',
  'i8x16.shuffle',
  'f32x4.extract_lane',
  'f32x4.replace_lane',
  'f64x2.extract_lane',
  'f64x2.replace_lane',
]);
const CORE_WITH_IMMEDIATES = new Set<Op>([
  'block',
  'loop',
  'if',
  'br',
  'br_if',
  'call',
  'local.get',
  'local.set',
  'local.tee',
  'i32.load',
  'f32.load',
  'f64.load',
  'i32.store',
  'i32.const',
  'f64.const',
]);

/** A memory access: the byte offset added to the address operand, and log2 of the alignment hint. */
export interface MemoryArgument {
  offset: number;
  align: number;
}

/**
 * Writes the body of one function: locals and instructions in the binary format. It also keeps the
 * mnemonic of every instruction, so tests and `inspect()` can see what was generated without a decoder.
 */
export class FunctionBuilder {
  readonly instructions: string[] = [];
  private readonly localTypes: ValueType[] = [];
  private readonly code: number[] = [];
  private openBlocks = 0;

  constructor(
    readonly params: readonly ValueType[],
    readonly results: readonly ValueType[],
  ) {}

  /** A new local of `type`; its index follows the parameters and earlier locals. */
  local(type: ValueType): number {
    this.localTypes.push(type);
    return this.params.length + this.localTypes.length - 1;
  }

  op(name: Op): this {
    if (CORE_WITH_IMMEDIATES.has(name)) throw new Error(`${name} needs immediates; use its own method`);
    if (name === 'end') this.openBlocks--;
    return this.emit(name, [OP[name]]);
  }

  get(local: number): this {
    return this.emit('local.get', [OP['local.get'], ...unsignedLeb128(local)]);
  }

  set(local: number): this {
    return this.emit('local.set', [OP['local.set'], ...unsignedLeb128(local)]);
  }

  tee(local: number): this {
    return this.emit('local.tee', [OP['local.tee'], ...unsignedLeb128(local)]);
  }

  i32Const(value: number): this {
    return this.emit('i32.const', [OP['i32.const'], ...signedLeb128(value)]);
  }

  f64Const(value: number): this {
    const bytes = new Uint8Array(8);
    new DataView(bytes.buffer).setFloat64(0, value, true);
    return this.emit('f64.const', [OP['f64.const'], ...bytes]);
  }

  load(name: 'i32.load' | 'f32.load' | 'f64.load', memory: MemoryArgument): this {
    return this.emit(name, [OP[name], ...memoryArgument(memory)]);
  }

  store(name: 'i32.store', memory: MemoryArgument): this {
    return this.emit(name, [OP[name], ...memoryArgument(memory)]);
  }

  /**
   * `block`, `loop` or `if` (on the i32 popped) with no result; `br` depth 0 inside it targets its end
   * (block, if) or its start (loop). Close it with `op('end')`.
   */
  begin(kind: 'block' | 'loop' | 'if'): this {
    this.openBlocks++;
    return this.emit(kind, [OP[kind], EMPTY_BLOCK_TYPE]);
  }

  br(depth: number): this {
    return this.emit('br', [OP.br, ...unsignedLeb128(depth)]);
  }

  brIf(depth: number): this {
    return this.emit('br_if', [OP.br_if, ...unsignedLeb128(depth)]);
  }

  call(functionIndex: number): this {
    return this.emit('call', [OP.call, ...unsignedLeb128(functionIndex)]);
  }

  simd(name: SimdOp): this {
    if (SIMD_WITH_IMMEDIATES.has(name)) throw new Error(`${name} needs immediates; use its own method`);
    return this.emitSimd(name, []);
  }

  simdMemory(
    name: 'v128.load' | 'v128.load32_splat' | 'v128.load64_splat' | 'v128.store' | 'v128.load32_zero',
    memory: MemoryArgument,
  ): this {
    return this.emitSimd(name, memoryArgument(memory));
  }

  simdMemoryLane(name: 'v128.store8_lane' | 'v128.store32_lane', memory: MemoryArgument, lane: number): this {
    return this.emitSimd(name, [...memoryArgument(memory), lane]);
  }

  simdLane(
    name: 'f32x4.extract_lane' | 'f32x4.replace_lane' | 'f64x2.extract_lane' | 'f64x2.replace_lane',
    lane: number,
  ): this {
    return this.emitSimd(name, [lane]);
  }

  /** `i8x16.shuffle`: byte i of the result is byte lanes[i] of the two operands concatenated. */
  shuffle(lanes: readonly number[]): this {
    if (lanes.length !== 16 || lanes.some((l) => l < 0 || l > 31))
      throw new Error('shuffle needs 16 lanes < 32');
    return this.emitSimd('i8x16.shuffle', [...lanes]);
  }

  v128Const(bytes: Uint8Array): this {
    if (bytes.length !== 16) throw new Error('v128.const needs 16 bytes');
    return this.emitSimd('v128.const', [...bytes]);
  }

  f32x4Const(value: number): this {
    return this.v128Const(splatBytes(4, (view, at) => view.setFloat32(at, value, true)));
  }

  f64x2Const(value: number): this {
    return this.v128Const(splatBytes(8, (view, at) => view.setFloat64(at, value, true)));
  }

  i32x4Const(value: number): this {
    return this.v128Const(splatBytes(4, (view, at) => view.setInt32(at, value, true)));
  }

  i64x2Const(value: bigint): this {
    return this.v128Const(splatBytes(8, (view, at) => view.setBigInt64(at, value, true)));
  }

  /** The body as the code section stores it: local declarations, instructions, `end`. */
  body(): Uint8Array {
    if (this.openBlocks !== 0) throw new Error(`function body has ${this.openBlocks} unclosed blocks`);
    const groups: [number, ValueType][] = [];
    for (const type of this.localTypes) {
      const last = groups[groups.length - 1];
      if (last && last[1] === type) last[0]++;
      else groups.push([1, type]);
    }
    const locals = [
      ...unsignedLeb128(groups.length),
      ...groups.flatMap(([count, type]) => [...unsignedLeb128(count), VALUE_TYPE[type]]),
    ];
    return Uint8Array.from([...locals, ...this.code, OP.end]);
  }

  private emitSimd(name: SimdOp, immediates: number[]): this {
    return this.emit(name, [SIMD_PREFIX, ...unsignedLeb128(SIMD_OP[name]), ...immediates]);
  }

  private emit(name: string, bytes: readonly number[]): this {
    this.instructions.push(name);
    for (const byte of bytes) this.code.push(byte);
    return this;
  }
}

function memoryArgument({ offset, align }: MemoryArgument): number[] {
  return [...unsignedLeb128(align), ...unsignedLeb128(offset)];
}

function splatBytes(laneBytes: number, write: (view: DataView, at: number) => void): Uint8Array {
  const bytes = new Uint8Array(16);
  const view = new DataView(bytes.buffer);
  for (let at = 0; at < 16; at += laneBytes) write(view, at);
  return bytes;
}
