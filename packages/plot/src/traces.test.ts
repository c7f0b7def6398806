import { describe, expect, test } from 'vitest';
import { minMaxEnvelope } from './envelope.js';
import { PlotDataError } from './errors.js';
import { renderSvg } from './render.js';
import { markItems, parseSvg, textsIn } from './testing/svg.js';
import { traceChart } from './traces.js';

type Layers = { layer: { data: { values: Record<string, number | string>[] }; mark: { type: string } }[] };

describe('minMaxEnvelope', () => {
  test('keeps the extremes of every bucket, so a one-sample peak survives', () => {
    const values = new Float64Array(1000).fill(-65);
    values[537] = 20; // a spike's peak, one sample wide
    values[12] = -80;
    const envelope = minMaxEnvelope(values, 0.1, 10);
    expect(envelope).toHaveLength(10);
    expect(envelope[5]).toMatchObject({ t: 50, min: -65, max: 20 });
    expect(envelope[5]!.t2).toBeCloseTo(59.9, 9);
    expect(envelope[0]!.min).toBe(-80);
    expect(envelope.filter((b) => b.max === 20)).toHaveLength(1);
    // Skipping to every 100th sample would have missed both.
    expect(Math.max(...envelope.map((b) => b.max))).toBe(20);
  });

  test('covers every sample exactly once when the length does not divide evenly', () => {
    const values = Array.from({ length: 7 }, (_, k) => k);
    const envelope = minMaxEnvelope(values, 1, 3);
    expect(envelope.map((b) => [b.min, b.max])).toEqual([
      [0, 1],
      [2, 3],
      [4, 6],
    ]);
  });
});

describe('traceChart', () => {
  test('draws short series as lines with every sample', async () => {
    const spec = traceChart(
      [
        { label: 'neuron 0', values: [-65, -60, -55], dt: 0.5 },
        { label: 'neuron 1', values: [-70, -68, -66], dt: 0.5 },
      ],
      { unit: 'mV' },
    ) as unknown as Layers;
    expect(spec.layer).toHaveLength(1);
    expect(spec.layer[0]!.mark.type).toBe('line');
    expect(spec.layer[0]!.data.values).toHaveLength(6);
    expect(spec.layer[0]!.data.values[2]).toEqual({ t: 1, value: -55, series: 'neuron 0' });
    const svg = parseSvg(await renderSvg(spec as never));
    expect(markItems(svg, 'line')).toHaveLength(2);
    expect(textsIn(svg, 'role-axis-title')).toEqual(expect.arrayContaining(['time (ms)', 'v (mV)']));
    expect(textsIn(svg, 'role-legend-label')).toEqual(['neuron 0', 'neuron 1']);
  });

  test('draws long series as min/max bands that reach their peaks, and says so', async () => {
    const values = new Float64Array(100_000).fill(-65);
    values[77_777] = 30;
    const spec = traceChart([{ label: 'neuron 4', values, dt: 0.1 }], {
      maxPoints: 400,
    }) as unknown as Layers;
    expect(spec.layer).toHaveLength(1);
    expect(spec.layer[0]!.mark.type).toBe('area');
    const band = spec.layer[0]!.data.values;
    expect(band).toHaveLength(400);
    expect(Math.max(...band.map((b) => b.max as number))).toBe(30);
    expect(band[band.length - 1]!.t).toBeCloseTo(99_999 * 0.1, 6);
    const svg = parseSvg(await renderSvg(spec as never));
    expect(markItems(svg, 'area')).toHaveLength(1);
    expect(textsIn(svg, 'role-title-subtitle')[0]).toMatch(/min\/max envelopes of 200 buckets/);
  });

  test('rejects no series, a non-positive dt and a NaN sample', () => {
    expect(() => traceChart([])).toThrow(PlotDataError);
    expect(() => traceChart([{ label: 'a', values: [1], dt: 0 }])).toThrow(/dt must be positive/);
    expect(() => traceChart([{ label: 'a', values: [1, Number.NaN], dt: 1 }])).toThrow(/sample 1 is NaN/);
  });
});
