import { createRequire } from 'node:module';
import path from 'node:path';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';

// Importing tfjs-backend-wasm registers "wasm" with a higher priority than "cpu": only wasm tests import this.
/**
 * Loads tfjs-backend-wasm in Node from the package's own .wasm files. Resolves to null on success, else to
 * the reason it could not load.
 */
export async function loadWasm(): Promise<string | null> {
  try {
    const require = createRequire(import.meta.url);
    const dist = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm'));
    setWasmPaths(`${dist}${path.sep}`);
    const ok = await tf.setBackend('wasm');
    return ok ? null : 'tf.setBackend("wasm") returned false (initialization failed; see the tfjs warning)';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
