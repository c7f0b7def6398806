import { SynapticFlowError } from '../errors.js';

/** A seed, stream, step, index or range given to the random generator that it cannot use. */
export class RandomArgumentError extends SynapticFlowError {
  constructor(message: string) {
    super('RANDOM_ARGUMENT', message);
  }
}
