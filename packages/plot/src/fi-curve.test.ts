import { ELIF_MODEL } from '@synapticflow/core';
import { describe, expect, test } from 'vitest';
import { PlotDataError } from './errors.js';
import { fiCurveChart } from './fi-curve.js';
import { renderSvg } from './render.js';
import { analyticRheobase } from './rheobase.js';
import { markItems, parseSvg, textsIn } from './testing/svg.js';

type Layers = { layer: { data: { values: Record<string, number | string>[] }; mark: { type: string } }[] };

describe('analyticRheobase', () => {
  test('is 0.05 nA for ELIF with its defaults, as docs/models/elif.md states', () => {
    expect(analyticRheobase(ELIF_MODEL.name)).toBeCloseTo(0.05, 12);
  });
  test('follows the parameters given, defaults filling the rest', () => {
    expect(analyticRheobase('elif', { R: 10, deltaT: 0.5 })).toBeCloseTo((-60 + 62 - 0.5) / 10, 12);
    expect(analyticRheobase('lif')).toBeCloseTo((-52 + 62) / 20, 12);
    expect(analyticRheobase('lif', { threshold: -50, lowerBound: null })).toBeCloseTo(12 / 20, 12);
  });
  test('is undefined for models without one', () => {
    expect(analyticRheobase('izhikevich')).toBeUndefined();
  });
});

describe('fiCurveChart', () => {
  test('plots one point per neuron sorted by input, with the rheobase rule where it belongs', async () => {
    const spec = fiCurveChart(
      { inputs: [1, 0, 0.5, 0.25], rates: [60, 0, 35, 20] },
      { rheobase: 0.05, inputUnit: 'nA' },
    ) as unknown as Layers;
    expect(spec.layer.map((l) => l.mark.type)).toEqual(['line', 'rule', 'text']);
    expect(spec.layer[0]!.data.values.map((v) => v.input)).toEqual([0, 0.25, 0.5, 1]);
    expect(spec.layer[1]!.data.values[0]!.input).toBe(0.05);

    const svg = parseSvg(await renderSvg(spec as never));
    expect(markItems(svg, 'symbol')).toHaveLength(4);
    const [rule] = markItems(svg, 'rule');
    // The x axis runs 0..1 over 640 px, so the rule stands at 0.05 * 640 = 32 px.
    const x = Number(/translate\(([-\d.]+),/.exec(rule!.getAttribute('transform') ?? '')?.[1]);
    expect(x).toBeCloseTo(32, 3);
    expect(textsIn(svg, 'role-axis-title')).toEqual(expect.arrayContaining(['input (nA)', 'rate (Hz)']));
    const xLabels = textsIn(svg, 'role-axis-label');
    expect(xLabels).toEqual(expect.arrayContaining(['0.00', '1.00', '0', '60']));
    expect(svg.textContent).toContain('rheobase 0.05 nA');
  });

  test('leaves the rule out without a rheobase', () => {
    const spec = fiCurveChart({ inputs: [0, 1], rates: [0, 10] }) as unknown as Layers;
    expect(spec.layer.map((l) => l.mark.type)).toEqual(['line']);
  });

  test('rejects mismatched lengths and non-finite points', () => {
    expect(() => fiCurveChart({ inputs: [0, 1], rates: [0] })).toThrow(PlotDataError);
    expect(() => fiCurveChart({ inputs: [0], rates: [Number.POSITIVE_INFINITY] })).toThrow(
      /both must be finite/,
    );
    expect(() => fiCurveChart({ inputs: [0], rates: [1] }, { rheobase: Number.NaN })).toThrow(
      /rheobase is NaN/,
    );
  });
});
