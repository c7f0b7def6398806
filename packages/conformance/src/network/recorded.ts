/** What a network case records from one run: named arrays, compared with the reference backend and by hand. */
export type Recorded = Record<string, ArrayLike<number>>;

/** Arrays whose names say they hold spikes (steps, rows, indices, counts): compared exactly, whatever the dtype. */
const isSpikeArray = (name: string) => /^spike|^ofGroup|^rateCounts|^landed/.test(name);

export function requireIdentical(
  actual: Recorded,
  expected: Recorded,
  what: string,
  reference: string,
): void {
  const problems = differences(actual, expected, () => 0);
  if (problems.length > 0) throw new Error(`${what} differs from ${reference}:\n${problems.join('\n')}`);
}

export function differences(
  actual: Recorded,
  expected: Recorded,
  tolerance: (name: string) => number,
): string[] {
  const problems: string[] = [];
  for (const [name, want] of Object.entries(expected)) {
    const got = actual[name];
    if (!got) {
      problems.push(`${name}: not recorded`);
      continue;
    }
    if (got.length !== want.length) {
      problems.push(
        `${name}: ${got.length} values, expected ${want.length} ([${Array.from(got).slice(0, 12)}] vs [${Array.from(want).slice(0, 12)}])`,
      );
      continue;
    }
    const limit = isSpikeArray(name) ? 0 : tolerance(name);
    for (let q = 0; q < want.length; q++) {
      const a = got[q]!;
      const b = want[q]!;
      const same = limit === 0 ? Object.is(a, b) || (a === 0 && b === 0) : Math.abs(a - b) <= limit;
      if (!same) {
        problems.push(`${name}[${q}]: ${a}, expected ${b}${limit ? ` (within ${limit})` : ''}`);
        break;
      }
    }
  }
  return problems;
}
