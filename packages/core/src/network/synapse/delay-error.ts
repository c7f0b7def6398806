import { SynapticFlowError } from '../../errors.js';

/** A synaptic delay that cannot become a whole number of steps: negative, not finite, or too long. */
export class DelayError extends SynapticFlowError {
  constructor(message: string) {
    super('DELAY', message);
  }
}
