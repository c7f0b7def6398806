import type { FloatArray, RunInput } from '@synapticflow/core';
import type { InputState } from './page-state.js';

/** `count` values from..to inclusive, as numpy.linspace (and the CLI's `linspace` input) computes them. */
export function linspace(from: number, to: number, count: number): Float64Array {
  const values = new Float64Array(count);
  const step = count > 1 ? (to - from) / (count - 1) : 0;
  for (let i = 0; i < count; i++) values[i] = from + i * step;
  if (count > 1) values[count - 1] = to;
  return values;
}

/** The run input for an input state: constant, switched on at `onset`, or ramping up from 0 over the run. */
export function runInput(input: InputState, n: number, dt: number, steps: number): RunInput {
  const levels = linspace(input.from, input.to, n);
  if (input.kind === 'constant') return { constant: levels };
  if (input.kind === 'step') {
    const onsetStep = Math.round(input.onset / dt);
    return (step: number, buffer: FloatArray) => {
      for (let j = 0; j < n; j++) buffer[j] = step >= onsetStep ? levels[j]! : 0;
    };
  }
  return (step: number, buffer: FloatArray) => {
    const fraction = steps > 1 ? step / (steps - 1) : 1;
    for (let j = 0; j < n; j++) buffer[j] = levels[j]! * fraction;
  };
}
