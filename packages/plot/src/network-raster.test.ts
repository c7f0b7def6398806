import { Network } from '@synapticflow/core';
import { interpreterBackend } from '@synapticflow/core/reference';
import { describe, expect, test } from 'vitest';
import { rasterChart } from './raster.js';
import { renderSvg } from './render.js';
import { spikesFromMonitor } from './spike-events.js';
import { markItems, parseSvg, textsIn } from './testing/svg.js';

describe('a network spike monitor as a raster', () => {
  test('one tick per spike of batch row 0, one colour per watched group, groups stacked', async () => {
    const network = new Network({ backend: interpreterBackend(), dt: 0.5, dtype: 'float64', batchSize: 2 });
    const exc = network.spikeSource({
      n: 3,
      name: 'exc',
      spikes: [
        [0, 2],
        [4, 0],
        [4, 1],
      ],
    });
    const inh = network.spikeSource({
      n: 2,
      name: 'inh',
      spikes: [
        [1, 1],
        [3, 0],
      ],
    });
    const monitor = network.spikeMonitor([exc, inh]);
    network.run({ steps: 6 });
    // Both batch rows emit the given spikes.
    expect(monitor.count).toBe(10);

    const events = spikesFromMonitor(monitor);
    expect(events.groupNames).toEqual(['exc', 'inh']);
    const spec = rasterChart(events, { duration: 3 });
    const { values } = (spec as unknown as { data: { values: { t: number; y: number; group: string }[] } })
      .data;
    expect(values).toHaveLength(5);
    expect(values.map((v) => [v.t, v.y, v.group])).toEqual([
      [0, 2.5, 'exc'],
      [0.5, 4.5, 'inh'],
      [1.5, 3.5, 'inh'],
      [2, 0.5, 'exc'],
      [2, 1.5, 'exc'],
    ]);
    const svg = parseSvg(await renderSvg(spec));
    const ticks = markItems(svg, 'rect');
    expect(ticks).toHaveLength(5);
    expect(new Set(ticks.map((tick) => tick.getAttribute('fill'))).size).toBe(2);
    expect(textsIn(svg, 'role-legend-label')).toEqual(['exc', 'inh']);
    network.dispose();
  });
});
