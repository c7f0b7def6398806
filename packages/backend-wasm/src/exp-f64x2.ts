import type { FunctionBuilder } from './encoder/function-builder.js';

// fdlibm's __ieee754_exp (as in V8's Math.exp), lane-parallel: the same operations in the same order, its
// branches turned into selects, so each lane's result has the same bits as Math.exp on that lane.
// fdlibm's constants, by their bits (the decimal forms in its source round to these).
const INV_LN2 = Math.LOG2E; // 0x3FF71547652B82FE
const LN2_HI = bitsToFloat64(0x3fe62e42fee00000n); // trailing zeros: k*LN2_HI is exact
const LN2_LO = bitsToFloat64(0x3dea39ef35793c76n);
const P1 = bitsToFloat64(0x3fc555555555553en);
const P2 = bitsToFloat64(0xbf66c16c16bebd93n);
const P3 = bitsToFloat64(0x3f11566aaf25de2cn);
const P4 = bitsToFloat64(0xbebbbd41c5d26bf1n);
const P5 = bitsToFloat64(0x3e66376972bea4d0n);
const OVERFLOW_ABOVE = bitsToFloat64(0x40862e42fefa39efn);
const UNDERFLOW_BELOW = bitsToFloat64(0xc0874910d52d3051n);
/** fdlibm reduces only where the high word of |x| exceeds 0x3FD62E42: from this double (just above ln2/2) on. */
const REDUCE_FROM = bitsToFloat64(0x3fd62e4300000000n);
/** Below 2^-28 fdlibm returns 1 + x. */
const TINY = 2 ** -28;
/** 1.5 * 2^52: adding it to an integer-valued double puts the integer in the low mantissa bits. */
const ROUNDER = 6755399441055744;
const SIGN_BIT = -0x8000000000000000n;

/** Emits exp for the f64x2 on top of the stack, leaving the result there. */
export function emitExpF64x2(code: FunctionBuilder): void {
  const local = (): number => code.local('v128');
  const [x, k, hi, lo, r, r2, c, kHalf, y] = [
    local(),
    local(),
    local(),
    local(),
    local(),
    local(),
    local(),
    local(),
    local(),
  ];
  code.set(x);
  // k = trunc(x/ln2 + copysign(0.5, x)), forced to 0 where fdlibm does not reduce.
  code.get(x).f64x2Const(INV_LN2).simd('f64x2.mul');
  code.get(x).i64x2Const(SIGN_BIT).simd('v128.and').f64x2Const(0.5).simd('v128.or');
  code.simd('f64x2.add').simd('f64x2.trunc');
  code.get(x).simd('f64x2.abs').f64x2Const(REDUCE_FROM).simd('f64x2.lt').simd('v128.andnot').set(k);
  // hi = x - k*LN2_HI, lo = k*LN2_LO, r = hi - lo
  code.get(x).get(k).f64x2Const(LN2_HI).simd('f64x2.mul').simd('f64x2.sub').set(hi);
  code.get(k).f64x2Const(LN2_LO).simd('f64x2.mul').set(lo);
  code.get(hi).get(lo).simd('f64x2.sub').tee(r);
  code.get(r).simd('f64x2.mul').set(r2);
  // c = r - r2*(P1 + r2*(P2 + r2*(P3 + r2*(P4 + r2*P5))))
  code.get(r).get(r2);
  for (const coefficient of [P1, P2, P3, P4]) code.f64x2Const(coefficient).get(r2);
  code.f64x2Const(P5);
  for (let i = 0; i < 4; i++) code.simd('f64x2.mul').simd('f64x2.add');
  code.simd('f64x2.mul').simd('f64x2.sub').set(c);
  // y = 1 - ((lo - r*c/(2 - c)) - hi); for k = 0 this equals fdlibm's 1 - (r*c/(c - 2) - r).
  code.f64x2Const(1).get(lo);
  code.get(r).get(c).simd('f64x2.mul').f64x2Const(2).get(c).simd('f64x2.sub').simd('f64x2.div');
  code.simd('f64x2.sub').get(hi).simd('f64x2.sub').simd('f64x2.sub');
  // Times 2^k as 2^k1 * 2^(k - k1), k1 = trunc(k/2): the first product is exact, the second rounds once, as
  // fdlibm's y*2^(k+1000)*2^-1000 does below 2^-1021.
  code.get(k).f64x2Const(0.5).simd('f64x2.mul').simd('f64x2.trunc').tee(kHalf);
  pushPowerOfTwo(code);
  code.simd('f64x2.mul');
  code.get(k).get(kHalf).simd('f64x2.sub');
  pushPowerOfTwo(code);
  code.simd('f64x2.mul').set(y);
  // fdlibm's early returns, as selects over all lanes (bitselect takes the first operand where the mask is set).
  code.f64x2Const(Number.POSITIVE_INFINITY).f64x2Const(Math.E);
  code.f64x2Const(1).get(x).simd('f64x2.add').get(y);
  code.get(x).simd('f64x2.abs').f64x2Const(TINY).simd('f64x2.lt').simd('v128.bitselect');
  code.get(x).f64x2Const(1).simd('f64x2.eq').simd('v128.bitselect');
  code.get(x).f64x2Const(OVERFLOW_ABOVE).simd('f64x2.gt').simd('v128.bitselect');
  code.get(x).f64x2Const(UNDERFLOW_BELOW).simd('f64x2.lt').simd('v128.andnot');
}

/**
 * Turns the integer-valued doubles e on the stack (within [-1022, 1023]) into 2^e: adding 1.5*2^52 + 1023
 * leaves e + 1023 in the low mantissa bits, and shifting those 11 bits up makes them the exponent field.
 */
function pushPowerOfTwo(code: FunctionBuilder): void {
  code
    .f64x2Const(ROUNDER + 1023)
    .simd('f64x2.add')
    .i32Const(52)
    .simd('i64x2.shl');
}

function bitsToFloat64(bits: bigint): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, bits);
  return view.getFloat64(0);
}
