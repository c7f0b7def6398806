/** Median and range of a rate over repetitions, after one warm-up run (which compiles and fills caches). */
export interface Rate {
  median: number;
  min: number;
  max: number;
}

export async function measureRate(run: () => unknown, units: number, reps: number): Promise<Rate> {
  await run();
  const rates: number[] = [];
  for (let r = 0; r < reps; r++) {
    const start = performance.now();
    await run();
    rates.push(units / ((performance.now() - start) / 1000));
  }
  const sorted = [...rates].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)]!, min: sorted[0]!, max: sorted[sorted.length - 1]! };
}
