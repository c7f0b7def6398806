import type { FunctionBuilder } from './encoder/function-builder.js';

// Cephes expf: exp(x) = 2^k * exp(r), k = round(x / ln2), r = x - k*ln2 with ln2 split into a short
// high part (9 bits: k*LN2_HI is exact) and a low correction, exp(r) = 1 + r + r^2*P(r), P a degree-5 minimax.
const LOG2E = Math.fround(Math.LOG2E);
const LN2_HI = 0.693359375;
const LN2_LO = Math.fround(-2.1219444e-4);
const POLYNOMIAL = [
  1.98756915e-4, 1.3981999507e-3, 8.3334519073e-3, 4.1665795894e-2, 1.6666665459e-1, 5.0000001201e-1,
].map(Math.fround);
/** 1.5 * 2^23: adding it rounds to an integer that then sits in the low mantissa bits. */
const ROUNDER = 12582912;
const ROUNDER_BITS = 0x4b400000;
/**
 * Arguments are clamped to [-104, 89.5]: exp(-104) rounds to 0 and exp(89.5) overflows to Infinity in
 * float32, so the clamp changes no result, keeps 2^k within two float32 exponents, and keeps NaN.
 */
export const EXP_F32_DOMAIN = { low: -104, high: 89.5 } as const;
/** Worst distance from Math.exp rounded to float32, over every float32 argument (exp-accuracy.test.ts). */
export const EXP_F32_MAX_ULPS = 1;

/**
 * Emits exp for the f32x4 on top of the stack, leaving the result there. All lanes take the same path:
 * no branches, Infinity and 0 come out of the scaling itself. Measured error: see exp-accuracy.test.ts.
 */
export function emitExpF32x4(code: FunctionBuilder): void {
  const x = code.local('v128');
  const rounded = code.local('v128');
  const k = code.local('v128');
  const r = code.local('v128');
  const kInt = code.local('v128');
  const kHalf = code.local('v128');
  // pmax/pmin against a constant keep a NaN argument (the comparison is false), unlike a clamp via select.
  code.f32x4Const(EXP_F32_DOMAIN.low).simd('f32x4.pmax');
  code.f32x4Const(EXP_F32_DOMAIN.high).simd('f32x4.pmin').tee(x);
  // k = round(x * log2(e)), as a float and (below) as the integer in the rounded sum's low bits.
  code.f32x4Const(LOG2E).simd('f32x4.mul').f32x4Const(ROUNDER).simd('f32x4.add').tee(rounded);
  code.f32x4Const(ROUNDER).simd('f32x4.sub').set(k);
  // r = x - k*ln2, in two steps so that r keeps the bits k*ln2 cancels.
  code.get(x).get(k).f32x4Const(LN2_HI).simd('f32x4.mul').simd('f32x4.sub');
  code.get(k).f32x4Const(LN2_LO).simd('f32x4.mul').simd('f32x4.sub').set(r);
  // exp(r) = 1 + r + r^2 * P(r)
  code.f32x4Const(POLYNOMIAL[0]!);
  for (const coefficient of POLYNOMIAL.slice(1)) {
    code.get(r).simd('f32x4.mul').f32x4Const(coefficient).simd('f32x4.add');
  }
  code.get(r).get(r).simd('f32x4.mul').simd('f32x4.mul');
  code.get(r).simd('f32x4.add').f32x4Const(1).simd('f32x4.add');
  // Times 2^k as 2^(k>>1) * 2^(k - k>>1): each factor is a normal float32 built from exponent bits, and the
  // second product rounds once into the subnormal range or overflows to Infinity.
  code.get(rounded).i32x4Const(ROUNDER_BITS).simd('i32x4.sub').tee(kInt);
  code.i32Const(1).simd('i32x4.shr_s').tee(kHalf);
  pushPowerOfTwo(code);
  code.simd('f32x4.mul');
  code.get(kInt).get(kHalf).simd('i32x4.sub');
  pushPowerOfTwo(code);
  code.simd('f32x4.mul');
}

/** Turns the i32x4 exponents on the stack into the float32 powers of two 2^e (e within [-126, 127]). */
function pushPowerOfTwo(code: FunctionBuilder): void {
  code.i32x4Const(127).simd('i32x4.add').i32Const(23).simd('i32x4.shl');
}
