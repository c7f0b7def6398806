/** How one step's state outputs are spread over kernel launches. */
export type LaunchStrategy = 'kernel-map' | 'per-output';

/** One launch: a kernel (or kernel map) whose first output is its return value. */
export interface LaunchGroup {
  outputs: string[];
}

/**
 * Splits the updated state variables into launches: all in one kernel map where gpu.js offers one (chunked
 * to the number of outputs a launch can write, the GL draw-buffer count), else one kernel per output.
 */
export function planLaunches(
  updated: readonly string[],
  strategy: LaunchStrategy,
  maxOutputsPerLaunch: number,
): LaunchGroup[] {
  const size = strategy === 'per-output' ? 1 : Math.max(1, maxOutputsPerLaunch);
  const groups: LaunchGroup[] = [];
  for (let at = 0; at < updated.length; at += size) groups.push({ outputs: updated.slice(at, at + size) });
  return groups;
}
