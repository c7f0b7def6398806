import { SynapticFlowError } from '../../errors.js';

/** A connector asked for connectivity it cannot build: an index out of range, p outside [0, 1], too many synapses, ... */
export class ConnectorError extends SynapticFlowError {
  constructor(message: string) {
    super('CONNECTOR', message);
  }
}
