import { describe, expect, test } from 'vitest';
import { populationRate, populationRateChart } from './population-rate.js';
import { renderSvg } from './render.js';
import { markItems, parseSvg } from './testing/svg.js';
import { weightHistogramChart } from './weights.js';

describe('populationRate', () => {
  test('is spikes per neuron per second in each bin, per group', () => {
    // group 0: 4 neurons, 2 spikes in [0, 10) ms -> 2 / (4 * 0.01 s) = 50 Hz; group 1: 2 neurons, 1 spike in [10, 20).
    const { binMs, values } = populationRate(
      {
        times: [1, 2, 15],
        indices: [0, 3, 1],
        groups: [0, 0, 1],
        groupSizes: [4, 2],
        groupNames: ['e', 'i'],
      },
      { binMs: 10, duration: 20 },
    );
    expect(binMs).toBe(10);
    expect(values).toEqual([
      { t: 0, rate: 50, group: 'e' },
      { t: 10, rate: 0, group: 'e' },
      { t: 0, rate: 0, group: 'i' },
      { t: 10, rate: 50, group: 'i' },
    ]);
  });

  test('renders one line per group', async () => {
    const spec = populationRateChart(
      { times: [1, 2, 15], indices: [0, 1, 1], groups: [0, 0, 1] },
      { binMs: 5, duration: 20 },
    );
    expect(markItems(parseSvg(await renderSvg(spec)), 'line')).toHaveLength(2);
  });
});

describe('weightHistogramChart', () => {
  test('bars add up to the synapse count', async () => {
    const weights = Float64Array.from({ length: 1000 }, (_, k) => Math.sin(k) * 0.5 + 1);
    const spec = weightHistogramChart(weights, { bins: 20, label: 'w (nS)' });
    const bins = (spec as unknown as { data: { values: { count: number }[] } }).data.values;
    expect(bins.reduce((sum, b) => sum + b.count, 0)).toBe(1000);
    expect(markItems(parseSvg(await renderSvg(spec)), 'rect')).toHaveLength(20);
  });
});
