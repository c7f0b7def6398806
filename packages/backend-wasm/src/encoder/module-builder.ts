import type { FunctionBuilder } from './function-builder.js';
import { unsignedLeb128 } from './leb128.js';
import { EXTERNAL_KIND, FUNCTION_TYPE, SECTION, VALUE_TYPE, type ValueType } from './opcodes.js';

const MAGIC_AND_VERSION = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

/**
 * Assembles a module from imports and function bodies: the type, import, function, export and code
 * sections, in the order the binary format requires. Imports must come before functions, since imported
 * functions take the first function indices.
 */
export class ModuleBuilder {
  private readonly types: number[][] = [];
  private readonly typeIndex = new Map<string, number>();
  private readonly imports: number[][] = [];
  private importedFunctions = 0;
  private readonly functions: { type: number; body: FunctionBuilder; exportName: string | undefined }[] = [];

  /**
   * Imports a linear memory of at least `minimumPages` 64 KiB pages, growable without limit, or, with
   * `sharedMaximumPages`, a shared memory (threads) of at most that many pages: shared memories need a maximum.
   */
  importMemory(module: string, field: string, minimumPages: number, sharedMaximumPages?: number): this {
    const limits =
      sharedMaximumPages === undefined
        ? [0x00, ...unsignedLeb128(minimumPages)]
        : [0x03, ...unsignedLeb128(minimumPages), ...unsignedLeb128(sharedMaximumPages)];
    this.imports.push([...name(module), ...name(field), EXTERNAL_KIND.memory, ...limits]);
    return this;
  }

  /** Imports a function and returns its index. */
  importFunction(module: string, field: string, params: ValueType[], results: ValueType[]): number {
    if (this.functions.length > 0) throw new Error('import functions before defining any');
    const type = this.typeOf(params, results);
    this.imports.push([...name(module), ...name(field), EXTERNAL_KIND.function, ...unsignedLeb128(type)]);
    return this.importedFunctions++;
  }

  /** Adds a function (exported under `exportName` if given) and returns its index. */
  addFunction(body: FunctionBuilder, exportName?: string): number {
    this.functions.push({ type: this.typeOf(body.params, body.results), body, exportName });
    return this.importedFunctions + this.functions.length - 1;
  }

  bytes(): Uint8Array {
    const exports = this.functions
      .map((f, i) => ({ name: f.exportName, index: this.importedFunctions + i }))
      .filter((e): e is { name: string; index: number } => e.name !== undefined)
      .map((e) => [...name(e.name), EXTERNAL_KIND.function, ...unsignedLeb128(e.index)]);
    const bodies = this.functions.map((f) => {
      const body = f.body.body();
      return [...unsignedLeb128(body.length), ...body];
    });
    return Uint8Array.from([
      ...MAGIC_AND_VERSION,
      ...section(SECTION.type, vector(this.types)),
      ...section(SECTION.import, vector(this.imports)),
      ...section(SECTION.function, vector(this.functions.map((f) => unsignedLeb128(f.type)))),
      ...section(SECTION.export, vector(exports)),
      ...section(SECTION.code, vector(bodies)),
    ]);
  }

  private typeOf(params: readonly ValueType[], results: readonly ValueType[]): number {
    const key = `${params.join(',')}->${results.join(',')}`;
    let index = this.typeIndex.get(key);
    if (index === undefined) {
      index = this.types.length;
      this.types.push([
        FUNCTION_TYPE,
        ...unsignedLeb128(params.length),
        ...params.map((t) => VALUE_TYPE[t]),
        ...unsignedLeb128(results.length),
        ...results.map((t) => VALUE_TYPE[t]),
      ]);
      this.typeIndex.set(key, index);
    }
    return index;
  }
}

/** Import and export names; this backend only uses ASCII ones, whose UTF-8 bytes are their char codes. */
function name(text: string): number[] {
  const bytes = Array.from(text, (c) => c.charCodeAt(0));
  if (bytes.some((b) => b > 0x7f)) throw new Error(`wasm name "${text}" is not ASCII`);
  return [...unsignedLeb128(bytes.length), ...bytes];
}

function vector(items: readonly (readonly number[])[]): number[] {
  return [...unsignedLeb128(items.length), ...items.flat()];
}

function section(id: number, content: readonly number[]): number[] {
  return [id, ...unsignedLeb128(content.length), ...content];
}
