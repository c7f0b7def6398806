import { LANE_FUNCTIONS, type LaneFunction } from './lane-calls.js';

/**
 * Compiles (where given bytes) and instantiates a module on the kernel's memory, synchronously: the generated
 * modules are a few kilobytes, far below the size browsers allow to compile on the main thread.
 */
export function instantiate(
  module: Uint8Array | WebAssembly.Module,
  memory: WebAssembly.Memory,
  laneFunctions: readonly LaneFunction[] = [],
): Record<string, unknown> {
  const math = Object.fromEntries(laneFunctions.map((name) => [name, LANE_FUNCTIONS[name].implementation]));
  const compiled = module instanceof Uint8Array ? new WebAssembly.Module(module) : module;
  return new WebAssembly.Instance(compiled, { env: { memory }, math }).exports;
}
