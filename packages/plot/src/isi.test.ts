import { describe, expect, test } from 'vitest';
import { PlotDataError } from './errors.js';
import { histogram } from './histogram.js';
import { isiHistogramChart, isiStatistics } from './isi.js';
import { renderSvg } from './render.js';
import { markItems, parseSvg, textsIn } from './testing/svg.js';

type Bars = { data: { values: { start: number; end: number; count: number }[] } };

describe('isiStatistics', () => {
  test('takes intervals within each neuron and group only, and a regular train has CV 0', () => {
    // neuron 0 of group 0 every 10 ms; neuron 0 of group 1 at 5, 7, 11 (intervals 2, 4).
    const stats = isiStatistics({
      times: [0, 5, 10, 7, 20, 11, 30],
      indices: [0, 0, 0, 0, 0, 0, 0],
      groups: [0, 1, 0, 1, 0, 1, 0],
    });
    expect([...stats.intervals].sort((a, b) => a - b)).toEqual([2, 4, 10, 10, 10]);
    // CVs: 0 for the regular neuron, sd/mean = 1/3 for intervals 2 and 4.
    expect(stats.neuronsWithCv).toBe(2);
    expect(stats.meanCv).toBeCloseTo((0 + 1 / 3) / 2, 12);
  });

  test('has no CV without a neuron of two intervals', () => {
    const stats = isiStatistics({ times: [1, 2], indices: [0, 0] });
    expect(stats.intervals).toEqual(Float64Array.from([1]));
    expect(stats.meanCv).toBeNaN();
  });
});

describe('histogram', () => {
  test('counts every value once, the maximum in the last bin', () => {
    const bins = histogram([0, 1, 1, 2, 3, 4], 4, 'test');
    expect(bins.map((b) => b.count)).toEqual([1, 2, 1, 2]);
    expect(bins[0]!.start).toBe(0);
    expect(bins[3]!.end).toBe(4);
  });
  test('rejects NaN and bad bin counts', () => {
    expect(() => histogram([1, Number.NaN], 3, 'test')).toThrow(PlotDataError);
    expect(() => histogram([1], 0, 'test')).toThrow(/bins must be a positive integer/);
  });
});

describe('isiHistogramChart', () => {
  test('draws one bar per bin, the bars add up to the intervals, and the subtitle gives the CV', async () => {
    const times = [0, 10, 20, 30, 0, 5, 15];
    const indices = [0, 0, 0, 0, 1, 1, 1];
    const spec = isiHistogramChart({ times, indices }, { bins: 5 });
    const bins = (spec as unknown as Bars).data.values;
    expect(bins).toHaveLength(5);
    expect(bins.reduce((sum, b) => sum + b.count, 0)).toBe(5);
    const svg = parseSvg(await renderSvg(spec));
    expect(markItems(svg, 'rect')).toHaveLength(5);
    expect(textsIn(svg, 'role-title-subtitle')[0]).toBe('5 intervals; mean CV 0.167 over 2 neurons');
    expect(textsIn(svg, 'role-axis-title')).toEqual(
      expect.arrayContaining(['inter-spike interval (ms)', 'intervals']),
    );
  });
});
