import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { mulHigh32, philox4x32 } from './philox.js';

// Known-answer vectors from the Random123 library by D. E. Shaw Research, file tests/kat_vectors
// (github.com/DEShawResearch/random123, commit 9545ff6), lines 24-29: name, rounds, counter (4 words),
// key (2 words), expected output (4 words), all hex uint32.
const KAT_VECTORS = `
philox4x32 7 00000000 00000000 00000000 00000000 00000000 00000000   5f6fb709 0d893f64 4f121f81 4f730a48
philox4x32 7 ffffffff ffffffff ffffffff ffffffff ffffffff ffffffff   5207ddc2 45165e59 4d8ee751 8c52f662
philox4x32 7 243f6a88 85a308d3 13198a2e 03707344 a4093822 299f31d0   4dfccaba 190a87f0 c47362ba b6b5242a
philox4x32 10 00000000 00000000 00000000 00000000 00000000 00000000   6627e8d5 e169c58d bc57ac4c 9b00dbd8
philox4x32 10 ffffffff ffffffff ffffffff ffffffff ffffffff ffffffff   408f276d 41c83b0e a20bc7c6 6d5451fd
philox4x32 10 243f6a88 85a308d3 13198a2e 03707344 a4093822 299f31d0   d16cfe09 94fdcceb 5001e420 24126ea1
`;

const vectors = KAT_VECTORS.trim()
  .split('\n')
  .map((line) => {
    const [, rounds, ...words] = line.trim().split(/\s+/);
    const values = words.map((word) => Number.parseInt(word, 16));
    return {
      line,
      rounds: Number(rounds),
      counter: values.slice(0, 4),
      key: values.slice(4, 6),
      expected: values.slice(6),
    };
  });

describe('philox4x32', () => {
  test.each(vectors)('matches the Random123 known answer: $line', ({ rounds, counter, key, expected }) => {
    const out = new Uint32Array(4);
    philox4x32(counter[0]!, counter[1]!, counter[2]!, counter[3]!, key[0]!, key[1]!, out, rounds);
    expect([...out]).toEqual(expected);
  });

  test('the Philox4x32-10 vectors pass with the default round count', () => {
    const out = new Uint32Array(4);
    for (const { rounds, counter, key, expected } of vectors.filter((v) => v.rounds === 10)) {
      philox4x32(counter[0]!, counter[1]!, counter[2]!, counter[3]!, key[0]!, key[1]!, out);
      expect([...out]).toEqual(expected);
      expect(rounds).toBe(10);
    }
  });
});

describe('mulHigh32', () => {
  test('equals the high word of the exact 64-bit product', () => {
    const cases = [
      [0, 0],
      [1, 0xffffffff],
      [0xffffffff, 0xffffffff],
      [0xd2511f53, 0x243f6a88],
      [0xcd9e8d57, 0x80000000],
      [0x0001ffff, 0xffff0001],
      [0x12345678, 0x9abcdef0],
    ];
    for (const [a, b] of cases) {
      const exact = Number((BigInt(a!) * BigInt(b!)) >> 32n);
      expect(mulHigh32(a!, b!), `${a} * ${b}`).toBe(exact);
    }
  });

  test('equals the BigInt product for random uint32 pairs', () => {
    const uint32 = fc.integer({ min: 0, max: 0xffffffff });
    fc.assert(
      fc.property(uint32, uint32, (a, b) => mulHigh32(a, b) === Number((BigInt(a) * BigInt(b)) >> 32n)),
      { seed: 20261203, numRuns: 2000 },
    );
  });
});
