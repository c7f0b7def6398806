/** Every `step`-th float32 in [from, to], walking bit patterns (they grow with magnitude on each side of 0). */
export function float32Range(from: number, to: number, step = 1): Float32Array {
  const bitsOf = (x: number) => new Uint32Array(Float32Array.of(x).buffer)[0]!;
  const sides: [number, number, number][] = [];
  if (from < 0) sides.push([bitsOf(Math.max(0, -to)), bitsOf(-from), 0x80000000]);
  if (to > 0) sides.push([bitsOf(Math.max(0, from)), bitsOf(to), 0]);
  const length = sides.reduce((sum, [low, high]) => sum + Math.floor((high - low) / step) + 1, 0);
  const patterns = new Uint32Array(length);
  let i = 0;
  for (const [low, high, sign] of sides) {
    for (let b = low; b <= high; b += step) patterns[i++] = (b | sign) >>> 0;
  }
  return new Float32Array(patterns.buffer);
}
