/** Assertions that throw plain Errors, so the suite runs under any test runner (vitest, jest, a browser page). */

export class SuiteFailure extends Error {
  override name = 'SuiteFailure';
}

/** Throws a `SuiteFailure` with `message` unless `condition` holds. */
export function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new SuiteFailure(message);
}

/** Throws a `SuiteFailure` unless `actual` is `expected` (by `Object.is`), naming `what`. */
export function checkEqual<T>(actual: T, expected: T, what: string): void {
  if (!Object.is(actual, expected))
    throw new SuiteFailure(`${what}: expected ${String(expected)}, got ${String(actual)}`);
}

/** Largest |a[i] - b[i]|; fails at the first index beyond `tolerance` (or where only one side is NaN). */
export function checkClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  tolerance: number,
  what: string,
): number {
  checkEqual(actual.length, expected.length, `${what}: length`);
  let worst = 0;
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    if (Number.isNaN(a) || Number.isNaN(e)) {
      if (Number.isNaN(a) !== Number.isNaN(e))
        throw new SuiteFailure(`${what}[${i}]: expected ${e}, got ${a}`);
      continue;
    }
    if (a === e) continue;
    const error = Math.abs(a - e);
    if (!(error <= tolerance))
      throw new SuiteFailure(`${what}[${i}]: expected ${e}, got ${a} (|error| ${error} > ${tolerance})`);
    worst = Math.max(worst, error);
  }
  return worst;
}

/** Bit-for-bit equality of two arrays (NaN equals NaN). */
export function checkIdentical(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string): void {
  checkEqual(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < actual.length; i++) {
    if (!Object.is(actual[i], expected[i]))
      throw new SuiteFailure(`${what}[${i}]: expected ${expected[i]}, got ${actual[i]}`);
  }
}

/** Runs `fn` and checks that it throws an error of class `type` whose message contains every fragment. */
export function checkThrows(
  fn: () => unknown,
  type: new (...args: never[]) => Error,
  fragments: string[],
  what: string,
): void {
  try {
    fn();
  } catch (error) {
    check(
      error instanceof type,
      `${what}: expected ${type.name}, got ${(error as Error)?.name}: ${(error as Error)?.message}`,
    );
    for (const fragment of fragments) {
      check(
        (error as Error).message.includes(fragment),
        `${what}: message "${(error as Error).message}" lacks "${fragment}"`,
      );
    }
    return;
  }
  throw new SuiteFailure(`${what}: expected ${type.name}, but nothing was thrown`);
}
