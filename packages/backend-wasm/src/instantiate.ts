import { LANE_FUNCTIONS, type LaneFunction } from './lane-calls.js';

/**
 * Compiles and instantiates a module on the kernel's memory, synchronously: the generated modules are a few
 * kilobytes, far below the size browsers allow to compile on the main thread.
 */
export function instantiate(
  bytes: Uint8Array,
  memory: WebAssembly.Memory,
  laneFunctions: readonly LaneFunction[] = [],
): Record<string, unknown> {
  const math = Object.fromEntries(laneFunctions.map((name) => [name, LANE_FUNCTIONS[name].implementation]));
  return new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory }, math }).exports;
}
