import { describe, expect, test } from 'vitest';
import { PlotDataError } from './errors.js';
import { RASTER_DENSITY_THRESHOLD, rasterChart } from './raster.js';
import { renderSvg } from './render.js';
import { spikesFromFlags } from './spike-events.js';
import { markItems, parseSvg, textsIn } from './testing/svg.js';

type Axis = { scale: { domain: number[] } };
type Values = {
  data: { values: Record<string, number | string>[] };
  encoding: { x: Axis; y: Axis; opacity: { field: string } };
};

/** A fixed pseudo-random raster of `count` spikes over 1000 ms and `neurons` neurons. */
function randomSpikes(count: number, neurons: number) {
  let seed = 7;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const times = Array.from({ length: count }, () => Math.floor(next() * 10000) / 10);
  const indices = Array.from({ length: count }, () => Math.floor(next() * neurons));
  return { times, indices };
}

describe('rasterChart', () => {
  test('has one mark per spike, in the spec and in the SVG, coloured by group', async () => {
    const spec = rasterChart({
      steps: [10, 20, 20, 30, 45],
      dt: 0.1,
      indices: [0, 3, 1, 0, 2],
      groups: [0, 0, 1, 1, 1],
      groupNames: ['exc', 'inh'],
      groupSizes: [4, 3],
    });
    const { data, encoding } = spec as unknown as Values;
    expect(data.values).toHaveLength(5);
    // inh rows sit above exc's 4 rows; each spike in the middle of its row.
    expect(data.values.map((v) => v.y)).toEqual([0.5, 3.5, 5.5, 4.5, 6.5]);
    expect(data.values.map((v) => v.t)).toEqual([1, 2, 2, 3, 4.5]);
    expect(encoding.y.scale.domain).toEqual([0, 7]);
    expect(encoding.x.scale.domain).toEqual([0, 4.5]);

    const svg = parseSvg(await renderSvg(spec));
    const ticks = markItems(svg, 'rect');
    expect(ticks).toHaveLength(5);
    const fills = ticks.map((tick) => tick.getAttribute('fill'));
    expect(new Set(fills.slice(0, 2)).size).toBe(1);
    expect(new Set(fills.slice(2)).size).toBe(1);
    expect(fills[0]).not.toBe(fills[2]);
    expect(textsIn(svg, 'role-legend-label')).toEqual(['exc', 'inh']);
    expect(textsIn(svg, 'role-axis-title')).toEqual(expect.arrayContaining(['time (ms)', 'neuron']));
    expect(textsIn(svg, 'role-title-subtitle')).toEqual(['5 spikes']);
  });

  test("takes a run result's spike flags, one group per batch row", () => {
    // 2 steps x 2 rows x 3 neurons
    const flags = Uint8Array.from([0, 1, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0]);
    const events = spikesFromFlags(flags, { n: 3, batchSize: 2, dt: 0.5 });
    const { data } = rasterChart(events) as unknown as Values;
    expect(data.values).toEqual([
      { t: 0, y: 1.5, group: 'row 0' },
      { t: 0, y: 3.5, group: 'row 1' },
      { t: 0.5, y: 2.5, group: 'row 0' },
    ]);
  });

  test(`above ${RASTER_DENSITY_THRESHOLD} spikes draws a density that counts every spike and says so`, async () => {
    const { times, indices } = randomSpikes(100_000, 1000);
    const spec = rasterChart({ times, indices, groupSizes: [1000] }, { duration: 1000 });
    const { data, encoding } = spec as unknown as Values;
    const total = data.values.reduce((sum, bin) => sum + (bin.spikes as number), 0);
    expect(total).toBe(100_000);
    expect(data.values.length).toBeLessThanOrEqual(150 * 100);
    expect(encoding.opacity.field).toBe('spikes');
    const text = await renderSvg(spec);
    expect(Buffer.byteLength(text)).toBeLessThan(2e6);
    const svg = parseSvg(text);
    expect(markItems(svg, 'rect')).toHaveLength(data.values.length);
    expect(textsIn(svg, 'role-title-subtitle')[0]).toMatch(/^100000 spikes, drawn as a density/);
  });

  test('just below the threshold stays one mark per spike and under 2 MB of SVG', async () => {
    const { times, indices } = randomSpikes(RASTER_DENSITY_THRESHOLD, 1000);
    const text = await renderSvg(rasterChart({ times, indices }, { duration: 1000 }));
    expect(Buffer.byteLength(text)).toBeLessThan(2e6);
    expect(markItems(parseSvg(text), 'rect')).toHaveLength(RASTER_DENSITY_THRESHOLD);
  });

  test('rejects mismatched columns, steps without dt and non-integer indices with PlotDataError', () => {
    expect(() => rasterChart({ times: [1, 2], indices: [0] })).toThrow(PlotDataError);
    expect(() => rasterChart({ times: [1, 2], indices: [0] })).toThrow(/2 times but 1 indices/);
    expect(() => rasterChart({ steps: [1], indices: [0] })).toThrow(/steps need a positive, finite dt/);
    expect(() => rasterChart({ times: [1], indices: [0.5] })).toThrow(/indices\[0\] is 0.5/);
    expect(() => rasterChart({ times: [Number.NaN], indices: [0] })).toThrow(/not finite/);
    expect(() => rasterChart({ times: [1], indices: [5], groupSizes: [3] })).toThrow(/groupSizes 3/);
  });
});
