import { MODEL_LIBRARY, type ModelSpec, type ValidatedModel, validateModel } from '@synapticflow/core';
import type { PageState } from './page-state.js';

/** The model a page state names: checked by core, or core's error (a ModelSpecError with its caret). */
export type ModelOutcome = { ok: true; model: ValidatedModel } | { ok: false; message: string };

/** An error as the page shows it: core's stable code (class names do not survive minifying) and message. */
export function errorText(error: unknown): string {
  const { message, code } = error as Error & { code?: string };
  return code ? `${code}: ${message}` : message;
}

export function specTextOf(state: PageState): string {
  if (state.model === 'custom') return state.spec;
  return JSON.stringify(MODEL_LIBRARY[state.model], null, 2);
}

export function resolveModel(state: PageState): ModelOutcome {
  try {
    const spec: unknown = state.model === 'custom' ? JSON.parse(state.spec) : MODEL_LIBRARY[state.model];
    if (spec === undefined) return { ok: false, message: `no library model "${state.model}"` };
    return { ok: true, model: validateModel(spec as ModelSpec) };
  } catch (error) {
    return { ok: false, message: errorText(error) };
  }
}
