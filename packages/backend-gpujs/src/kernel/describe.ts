import type { LaunchGroup } from '../codegen/launch-plan.js';

/** How the launches of one step read in a description: "kernel map", "one kernel per output (4 launches)". */
export function describeLaunches(groups: readonly LaunchGroup[]): string {
  if (groups.length === 0) return 'no launches';
  const mapped = groups.some((group) => group.outputs.length > 1);
  if (groups.length === 1) return mapped ? 'kernel map' : 'one kernel';
  return mapped
    ? `kernel maps (${groups.length} launches)`
    : `one kernel per output (${groups.length} launches)`;
}

/**
 * What actually runs, e.g. "gpujs float32 (mode gpu → WebGL2Kernel, kernel map)": the requested mode, the
 * gpu.js kernel class that ran after any fallback (with gpu.js's reason), and how a step is launched.
 */
export function describeKernel(
  mode: string,
  kernels: readonly { className: string; fallbackReason: string | null }[],
  launches: string,
): string {
  const classes = [...new Set(kernels.map((k) => k.className))].join(' + ');
  const fallback = kernels.find((k) => k.fallbackReason)?.fallbackReason;
  const reason = fallback ? ` after gpu.js fell back: ${fallback}` : '';
  return `gpujs float32 (mode ${mode} → ${classes}${reason}, ${launches})`;
}
