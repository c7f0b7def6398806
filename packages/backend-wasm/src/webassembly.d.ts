// The WebAssembly JavaScript API, as far as this backend uses it. TypeScript declares it in lib.dom only, and
// the repository compiles against ES2022 without DOM; no public type of this package refers to it.
declare namespace WebAssembly {
  type ImportValue = ((...args: number[]) => number) | Memory;
  type Imports = Record<string, Record<string, ImportValue>>;
  class Module {
    constructor(bytes: ArrayBufferView | ArrayBuffer);
  }
  class Instance {
    constructor(module: Module, imports?: Imports);
    readonly exports: Record<string, unknown>;
  }
  class Memory {
    constructor(descriptor: { initial: number; maximum?: number; shared?: boolean });
    readonly buffer: ArrayBuffer;
    grow(deltaPages: number): number;
  }
  function validate(bytes: ArrayBufferView | ArrayBuffer): boolean;
}
