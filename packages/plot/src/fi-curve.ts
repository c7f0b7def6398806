import { type ChartOptions, type ChartSpec, chartFrame } from './chart-spec.js';
import { PlotDataError } from './errors.js';

/** Points of an f–I curve: the constant input of each neuron and its firing rate. */
export interface FiPoints {
  /** Input current per neuron. */
  inputs: ArrayLike<number>;
  /** Firing rate per neuron in Hz, in the same order. */
  rates: ArrayLike<number>;
}

/** Options of `fiCurveChart`. */
export interface FiOptions extends ChartOptions {
  /** Unit of the input, for the x axis (e.g. "nA"). */
  inputUnit?: string;
  /** The model's rheobase current, drawn as a labelled vertical rule (see `analyticRheobase`). */
  rheobase?: number;
}

/** Firing rate against input current, with the rheobase marked when given. */
export function fiCurveChart(points: FiPoints, options: FiOptions = {}): ChartSpec {
  const { inputs, rates } = points;
  if (inputs.length !== rates.length) {
    throw new PlotDataError(
      `f–I curve: ${inputs.length} inputs but ${rates.length} rates; give one rate per input`,
    );
  }
  const values = Array.from({ length: inputs.length }, (_, k) => {
    if (!Number.isFinite(inputs[k]!) || !Number.isFinite(rates[k]!)) {
      throw new PlotDataError(`f–I curve: point ${k} is (${inputs[k]}, ${rates[k]}); both must be finite`);
    }
    return { input: inputs[k]!, rate: rates[k]! };
  }).sort((a, b) => a.input - b.input);
  const inputTitle = options.inputUnit === undefined ? 'input' : `input (${options.inputUnit})`;
  const x = { field: 'input', type: 'quantitative', title: inputTitle };
  const layers: object[] = [
    {
      data: { values },
      mark: { type: 'line', point: values.length <= 200 },
      encoding: { x, y: { field: 'rate', type: 'quantitative', title: 'rate (Hz)' } },
    },
  ];
  const { rheobase } = options;
  if (rheobase !== undefined) {
    if (!Number.isFinite(rheobase)) throw new PlotDataError(`f–I curve: rheobase is ${rheobase}, not finite`);
    const label = `rheobase ${Number(rheobase.toPrecision(4))}${options.inputUnit ? ` ${options.inputUnit}` : ''}`;
    const mark = { data: { values: [{ input: rheobase, label }] } };
    layers.push(
      { ...mark, mark: { type: 'rule', strokeDash: [4, 4], color: '#d62728' }, encoding: { x } },
      {
        ...mark,
        mark: { type: 'text', align: 'left', baseline: 'top', dx: 4, dy: 4, y: 0, color: '#d62728' },
        encoding: { x, text: { field: 'label' } },
      },
    );
  }
  const subtitle = `${values.length} neurons${rheobase === undefined ? '' : '; dashed: analytic rheobase'}`;
  return { ...chartFrame(options, 'f–I curve', subtitle), layer: layers } as ChartSpec;
}
