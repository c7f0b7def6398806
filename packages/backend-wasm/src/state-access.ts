import type { FunctionBuilder } from './encoder/function-builder.js';
import type { StateRegion } from './memory-layout.js';
import type { VectorShape } from './vector-shape.js';

/**
 * Loads and stores of one vector of state. Number state is a plain v128 load/store at the vector's byte offset
 * (`stateAt`). Boolean state is one byte (0 or 1) per element in memory and a lane mask in the step, so it is
 * widened on load and narrowed on store; its byte address is the element index, `stateAt / element size`.
 */
export class StateAccess {
  constructor(
    private readonly code: FunctionBuilder,
    private readonly shape: VectorShape,
    /** i32 local: byte offset of the current vector within every number state region. */
    private readonly stateAt: number,
    /** v128 local the boolean store may clobber. */
    private readonly scratch: number,
  ) {}

  /** Pushes the current vector of a state variable, or the one `shift` bytes (whole vectors) after it. */
  load(region: StateRegion, shift = 0): void {
    const { code, shape } = this;
    if (region.type === 'number') {
      code.get(this.stateAt).simdMemory('v128.load', { offset: region.offset + shift, align: 4 });
      return;
    }
    this.elementAddress();
    code.simdMemory('v128.load32_zero', { offset: region.offset + (shift >> shape.log2Bytes), align: 0 });
    // bytes 0/1 → byte masks → sign-extended to one mask per lane
    code.i32x4Const(0).simd('i8x16.ne');
    code.simd('i16x8.extend_low_i8x16_s').simd('i32x4.extend_low_i16x8_s');
    if (shape.bytes === 8) code.simd('i64x2.extend_low_i32x4_s');
  }

  /** Stores the vector held in local `value` into a state variable, `shift` bytes after the current one. */
  store(region: StateRegion, value: number, shift = 0): void {
    const { code, shape, scratch } = this;
    if (region.type === 'number') {
      code
        .get(this.stateAt)
        .get(value)
        .simdMemory('v128.store', { offset: region.offset + shift, align: 4 });
      return;
    }
    const offset = region.offset + (shift >> shape.log2Bytes);
    // One byte per lane, 0xFF → 1 by i8x16.abs. f32x4 masks narrow to bytes 0-3 by two saturating packs;
    // f64x2 masks store their bytes 0 and 8 (a shuffle would rebuild its pattern every iteration in V8).
    const memory = { offset, align: 0 };
    this.elementAddress();
    if (shape.lanes === 4) {
      code.get(value).get(value).simd('i16x8.narrow_i32x4_s').tee(scratch).get(scratch);
      code.simd('i8x16.narrow_i16x8_s').simd('i8x16.abs').simdMemoryLane('v128.store32_lane', memory, 0);
    } else {
      code.get(value).simd('i8x16.abs').tee(scratch).simdMemoryLane('v128.store8_lane', memory, 0);
      this.elementAddress();
      code.get(scratch).simdMemoryLane('v128.store8_lane', { ...memory, offset: offset + 1 }, 8);
    }
  }

  private elementAddress(): void {
    this.code.get(this.stateAt).i32Const(this.shape.log2Bytes).op('i32.shr_u');
  }
}
