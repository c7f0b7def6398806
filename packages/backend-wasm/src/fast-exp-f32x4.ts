import type { FunctionBuilder } from './encoder/function-builder.js';

// exp(x) = 2^k * exp(r), k = round(x / ln2), r = x - k*ln2 (ln2 split as in exp-f32x4.ts), and
// exp(r) = 1 + r(1 + r(c2 + r(c3 + r(c4 + r c5)))): a degree-5 fit of exp on [-ln2/2, ln2/2] weighted to
// minimise the relative error (1.05e-7 before rounding), two degrees under the exact mode's Cephes polynomial.
const LOG2E = Math.fround(Math.LOG2E);
const LN2_HI = 0.693359375;
const LN2_LO = Math.fround(-2.1219444e-4);
/** Highest degree first. */
const POLYNOMIAL = [
  0.00831253325012447, 0.04189012525646256, 0.16667114411366424, 0.49999231676238015, 1, 1,
].map(Math.fround);
/**
 * 1.5 * 2^23 plus the float32 exponent bias: x*log2(e) + ROUNDER lies in [2^23, 2^24), where float32 holds
 * integers only, so the sum is rounded to k + ROUNDER with k = round(x*log2(e)), and its bits are
 * 0x4b400000 + 127 + k. Shifted left by 23 they are (k + 127) << 23, the bits of 2^k: the high bits fall off.
 */
const ROUNDER = 12582912 + 127;

/**
 * Arguments are clamped to [-87.3, 89] so that 2^k is one normal float32 (k ≥ -126) or Infinity (k = 128),
 * built from exponent bits in one step. So below -87.3 the result is exp(-87.3) ≈ 1.2e-38 instead of a
 * subnormal or 0, and above 88.37 (k = 128) it is Infinity, where exp overflows only at 88.72.
 */
export const FAST_EXP_F32_DOMAIN = { low: -87.3, high: 89 } as const;
/** Arguments within which the error bound holds: from the clamp to where k reaches 128. */
export const FAST_EXP_F32_ACCURATE = { low: -87.3, high: 88.37 } as const;
/** Worst distance from Math.exp rounded to float32 over FAST_EXP_F32_ACCURATE (fast-exp-accuracy.test.ts). */
export const FAST_EXP_F32_MAX_ULPS = 2;

/**
 * The fast mode's exp for the f32x4 on top of the stack: fewer operations than emitExpF32x4 (a shorter
 * polynomial, one scaling multiply), without branches; NaN stays NaN. `fused` (relaxed SIMD) turns each
 * multiply-add into one relaxed_madd: one rounding fewer per step where the hardware fuses, the same as
 * unfused where it does not; the bound holds both ways (fast-exp-accuracy.test.ts, relaxed-simd.test.ts).
 */
export function emitFastExpF32x4(code: FunctionBuilder, fused = false): void {
  const x = code.local('v128');
  const rounded = code.local('v128');
  const k = code.local('v128');
  const r = code.local('v128');
  // Leaves a*b + c on the stack, with a, b and c pushed by the callbacks; `negate` makes it c - a*b.
  const multiplyAdd = (a: () => void, b: () => void, c: () => void, negate = false): void => {
    if (fused) {
      a();
      b();
      c();
      code.simd(negate ? 'f32x4.relaxed_nmadd' : 'f32x4.relaxed_madd');
      return;
    }
    if (negate) c();
    a();
    b();
    code.simd('f32x4.mul');
    if (negate) code.simd('f32x4.sub');
    else {
      c();
      code.simd('f32x4.add');
    }
  };
  const constant = (value: number) => () => void code.f32x4Const(value);
  // pmax/pmin against a constant keep a NaN argument.
  code.f32x4Const(FAST_EXP_F32_DOMAIN.low).simd('f32x4.pmax');
  code.f32x4Const(FAST_EXP_F32_DOMAIN.high).simd('f32x4.pmin').set(x);
  multiplyAdd(() => code.get(x), constant(LOG2E), constant(ROUNDER));
  code.tee(rounded).f32x4Const(ROUNDER).simd('f32x4.sub').set(k);
  multiplyAdd(
    () => code.get(k),
    constant(LN2_HI),
    () => code.get(x),
    true,
  );
  code.set(r);
  multiplyAdd(
    () => code.get(k),
    constant(LN2_LO),
    () => code.get(r),
    true,
  );
  code.set(r);
  code.f32x4Const(POLYNOMIAL[0]!);
  for (const coefficient of POLYNOMIAL.slice(1))
    multiplyAdd(
      () => {},
      () => code.get(r),
      constant(coefficient),
    );
  // Times 2^k, its bits (k + 127) << 23.
  code.get(rounded).i32Const(23).simd('i32x4.shl');
  code.simd('f32x4.mul');
}
