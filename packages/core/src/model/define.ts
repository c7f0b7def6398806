import type { ModelSpec } from './spec.js';
import { validateModel } from './validate.js';

/** Checks a model spec now (so mistakes surface where the model is written) and returns it unchanged. */
export function defineModel<const T extends ModelSpec>(spec: T): T {
  validateModel(spec);
  return spec;
}
