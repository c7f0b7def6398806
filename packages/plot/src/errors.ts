import { SynapticFlowError } from '@synapticflow/core';

/** Data a chart cannot draw (mismatched column lengths, a non-finite value, an empty range); says which. */
export class PlotDataError extends SynapticFlowError {
  constructor(message: string) {
    super('PLOT_DATA', message);
  }
}
