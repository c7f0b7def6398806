/** LEB128, the variable-length integer encoding of every index, size and immediate in a wasm binary. */

/** Unsigned LEB128 of a non-negative integer below 2^32 (sizes, indices, offsets). */
export function unsignedLeb128(value: number): number[] {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw new RangeError(`unsignedLeb128: ${value} is not a u32`);
  }
  const bytes: number[] = [];
  let rest = value;
  do {
    let byte = rest % 128;
    rest = Math.floor(rest / 128);
    if (rest > 0) byte |= 0x80;
    bytes.push(byte);
  } while (rest > 0);
  return bytes;
}

/** Signed LEB128 of an integer in the i32 range (`i32.const` immediates). */
export function signedLeb128(value: number): number[] {
  if (!Number.isInteger(value) || value < -0x80000000 || value > 0x7fffffff) {
    throw new RangeError(`signedLeb128: ${value} is not an i32`);
  }
  const bytes: number[] = [];
  let rest = value;
  for (;;) {
    const byte = rest & 0x7f;
    rest >>= 7;
    // Done once the remaining bits are all copies of the sign bit that `byte` already carries.
    const signBit = byte & 0x40;
    if ((rest === 0 && signBit === 0) || (rest === -1 && signBit !== 0)) {
      bytes.push(byte);
      return bytes;
    }
    bytes.push(byte | 0x80);
  }
}
