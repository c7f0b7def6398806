/** Names longer than this get no "did you mean": comparing them costs length² and no typo is that long. */
export const MAX_SUGGESTED_NAME_LENGTH = 64;

/**
 * The candidate `name` most likely meant, for "did you mean" hints; the one suggester of the project, also
 * for tools built on core (the CLI uses it for flags and scenario fields). Case-insensitive edit distance
 * within a third of the name's length (at least 2, never the whole name: "u" does not suggest "v"); a
 * shortening of at least three letters counts as one edit ("const" -> "constant"). Names longer than
 * MAX_SUGGESTED_NAME_LENGTH get none; candidates whose length alone rules them out are skipped and a
 * comparison stops once it cannot beat the best so far, so the work stays bounded for any input.
 */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  if (name.length > MAX_SUGGESTED_NAME_LENGTH) return undefined;
  const wanted = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = Math.min(Math.max(2, Math.floor(name.length / 3)) + 1, name.length);
  for (const candidate of candidates) {
    if (candidate.length > MAX_SUGGESTED_NAME_LENGTH) continue;
    const known = candidate.toLowerCase();
    const distance = isShortening(wanted, known)
      ? 1
      : Math.abs(candidate.length - name.length) >= bestDistance
        ? bestDistance
        : editDistanceBelow(wanted, known, bestDistance);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** One name starts with the other, both at least three letters long. */
function isShortening(a: string, b: string): boolean {
  return Math.min(a.length, b.length) >= 3 && (b.startsWith(a) || a.startsWith(b));
}

/** Levenshtein distance of `a` and `b`, or `bound` as soon as the distance is known to be at least `bound`. */
export function editDistanceBelow(a: string, b: string, bound: number): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      const cell = Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution);
      current.push(cell);
      rowMinimum = Math.min(rowMinimum, cell);
    }
    // Each row's minimum never decreases further down, so the final distance is at least this.
    if (rowMinimum >= bound) return bound;
    previous = current;
  }
  return Math.min(previous[b.length]!, bound);
}

/** A name as shown in a message: long ones cut, so a message stays readable whatever the spec holds. */
export function shownName(name: string): string {
  if (name.length <= MAX_SUGGESTED_NAME_LENGTH) return name;
  return `${name.slice(0, MAX_SUGGESTED_NAME_LENGTH)}… (${name.length} characters)`;
}
