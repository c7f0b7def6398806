import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyticRheobase } from '@synapticflow/plot';
import { describe, expect, test } from 'vitest';
import { runCli, tempDirWith } from '../testing/run-cli.js';
import { markItems, parseSvgs, titlesOf } from '../testing/svg.js';

/** 12 ELIF neurons from 0 to 1 nA for 300 ms, recording v every 10 steps. */
const SWEEP = {
  model: 'elif',
  n: 12,
  steps: 3000,
  input: { constant: { linspace: [0, 1] } },
  record: { vars: ['v'], vStride: 10 },
};

async function traceOf(dir: string): Promise<{ spikes: number[][] }> {
  const run = await runCli(['simulate', 'sweep.json', '--out', 'trace.json'], dir);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(readFileSync(join(dir, 'trace.json'), 'utf8'));
}

describe('synapticflow plot', () => {
  test('--kind raster,v,fi,isi writes a page of four charts drawn from the trace', async () => {
    const dir = tempDirWith({ 'sweep.json': SWEEP });
    const trace = await traceOf(dir);
    expect(trace.spikes.length).toBeGreaterThan(20);
    const run = await runCli(
      ['plot', 'trace.json', '--kind', 'raster,v,fi,isi', '--out', 'report.html'],
      dir,
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('plot        report.html (raster, v, fi, isi)\n');
    const [raster, v, fi, isi] = parseSvgs(readFileSync(join(dir, 'report.html'), 'utf8'));
    expect(markItems(raster!, 'rect')).toHaveLength(trace.spikes.length);
    expect(titlesOf(raster!)).toEqual(['Spike raster — elif', `${trace.spikes.length} spikes`]);
    // 5 neurons evenly spread over 12, each a line of 300 recorded rows.
    expect(markItems(v!, 'line')).toHaveLength(5);
    expect(markItems(fi!, 'symbol')).toHaveLength(12);
    expect(markItems(fi!, 'rule')).toHaveLength(1);
    expect(fi!.textContent).toContain(`rheobase ${analyticRheobase('elif')} nA`);
    const intervals = markItems(isi!, 'rect');
    expect(intervals.length).toBe(50);
    expect(titlesOf(isi!)[1]).toMatch(/^\d+ intervals; mean CV \d\.\d{3} over \d+ neurons$/);
  });

  test('a raster as SVG has one tick per spike of the trace', async () => {
    const dir = tempDirWith({ 'sweep.json': SWEEP });
    const trace = await traceOf(dir);
    const run = await runCli(['plot', 'trace.json', '--kind', 'raster', '--out', 'raster.svg'], dir);
    expect(run.code, run.stderr).toBe(0);
    const [svg] = parseSvgs(readFileSync(join(dir, 'raster.svg'), 'utf8'));
    expect(markItems(svg!, 'rect')).toHaveLength(trace.spikes.length);
  });

  test('command-line mistakes exit with 2 and say what to do', async () => {
    const dir = tempDirWith({ 'sweep.json': { ...SWEEP, record: undefined } });
    await traceOf(dir);
    const cases: [string[], RegExp][] = [
      [['plot', 'trace.json'], /--out FILE is required/],
      [['plot', 'trace.json', '--out', 'chart.png'], /must end in \.svg \(one chart\) or \.html/],
      [['plot', 'trace.json', '--kind', 'raster,fi', '--out', 'c.svg'], /an SVG holds one chart.*\.html/],
      [['plot', 'trace.json', '--kind', 'v', '--out', 'c.svg'], /"v" .*nothing was recorded.*--record v/],
      [['plot', 'trace.json', '--kind', 'raster;fi', '--out', 'c.html'], /comma-separated list/],
      [['plot', '--out', 'c.html'], /expected one trace file/],
    ];
    for (const [argv, message] of cases) {
      const run = await runCli(argv, dir);
      expect(run.code, argv.join(' ')).toBe(2);
      expect(run.stderr).toMatch(message);
    }
    expect(existsSync(join(dir, 'c.svg'))).toBe(false);
  });

  test('a file that is not a trace is an error naming the problem, exit 1', async () => {
    const dir = tempDirWith({
      'nothing.json': { spikes: [] },
      'bad.json': { scenario: { model: 'elif', n: 2, steps: 10 }, spikes: [[0, 0, 5]] },
    });
    const missing = await runCli(['plot', 'nothing.json', '--out', 'c.html'], dir);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/has no "scenario"/);
    const outOfRange = await runCli(['plot', 'bad.json', '--out', 'c.html'], dir);
    expect(outOfRange.code).toBe(1);
    expect(outOfRange.stderr).toMatch(/spikes\[0\] is \[0,0,5\].*2 neurons/);
  });
});

describe('synapticflow simulate --plot', () => {
  test('draws the f–I curve of a sweep as SVG in the same run', async () => {
    const dir = tempDirWith({ 'sweep.json': SWEEP });
    const run = await runCli(['simulate', 'sweep.json', '--plot', 'fi.svg'], dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/\nplot {8}fi\.svg \(fi\)\n$/);
    const [svg] = parseSvgs(readFileSync(join(dir, 'fi.svg'), 'utf8'));
    expect(markItems(svg!, 'symbol')).toHaveLength(12);
    expect(titlesOf(svg!)).toEqual(['f–I curve — elif', '12 neurons; dashed: analytic rheobase']);
  });

  test('--plot-kind is checked before the run', async () => {
    const dir = tempDirWith({ 'sweep.json': { ...SWEEP, record: undefined } });
    const run = await runCli(['simulate', 'sweep.json', '--plot', 'r.html', '--plot-kind', 'raster,w'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/chart kind "w"/);
    expect(run.stdout).toBe('');
    const orphan = await runCli(['simulate', 'sweep.json', '--plot-kind', 'raster'], dir);
    expect(orphan.code).toBe(2);
    expect(orphan.stderr).toMatch(/--plot-kind needs --plot FILE/);
  });

  test('the main job (the root package.json "start" script) writes its f–I curve as SVG and prints the path', async () => {
    const root = join(import.meta.dirname, '..', '..', '..', '..');
    const start = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts.start as string;
    const argv = start.split('scripts/synapticflow.mjs ')[1]!.split(' ');
    const dir = tempDirWith({});
    mkdirSync(join(dir, 'examples'));
    writeFileSync(
      join(dir, 'examples', 'f-i-curve.json'),
      readFileSync(join(root, 'examples', 'f-i-curve.json')),
    );
    const run = await runCli(argv, dir);
    expect(run.code, run.stderr).toBe(0);
    const plotted = /\nplot {8}(\S+\.svg) \(fi\)\n$/.exec(run.stdout);
    expect(plotted, run.stdout).not.toBeNull();
    const [svg] = parseSvgs(readFileSync(join(dir, plotted![1]!), 'utf8'));
    expect(titlesOf(svg!)).toEqual(['f–I curve — elif', '1000 neurons; dashed: analytic rheobase']);
    expect(markItems(svg!, 'line')).toHaveLength(1);
    expect(markItems(svg!, 'rule')).toHaveLength(1);
  }, 120_000);
});

describe('synapticflow simulate NETWORK.json --plot', () => {
  /** A spike list drives two LIF neurons over threshold twice; they excite a second population below it. */
  const CHAIN = {
    network: {
      dt: 0.1,
      dtype: 'float64',
      steps: 200,
      populations: [
        { name: 'a', model: 'lif', n: 2, params: { refracLength: 0 } },
        { name: 'b', model: 'lif', n: 3, params: { refracLength: 0 } },
      ],
      sources: [
        {
          name: 'cue',
          kind: 'spikes',
          n: 1,
          spikes: [
            [10, 0],
            [50, 0],
          ],
        },
      ],
      projections: [
        {
          source: 'cue',
          target: 'a',
          synapse: { onPre: 'v += w', variables: { w: 20 } },
          connector: { kind: 'all-to-all' },
        },
        {
          source: 'a',
          target: 'b',
          synapse: { onPre: 'v += 5' },
          connector: { kind: 'explicit', i: [0, 1], j: [0, 1] },
        },
      ],
    },
  };

  test('draws a raster with one tick per spike and one colour per group', async () => {
    const dir = tempDirWith({ 'net.json': CHAIN });
    const run = await runCli(['simulate', 'net.json', '--plot', 'raster.svg'], dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/\nplot {8}raster\.svg \(raster\)\n$/);
    const [svg] = parseSvgs(readFileSync(join(dir, 'raster.svg'), 'utf8'));
    // "a": both neurons one step after each cue spike (4); "cue": 2; "b" stays below threshold.
    const ticks = markItems(svg!, 'rect');
    expect(ticks).toHaveLength(6);
    expect(new Set(ticks.map((tick) => tick.getAttribute('fill'))).size).toBe(2);
    expect(
      Array.from(svg!.querySelectorAll('g.role-legend-label text'), (t) => t.textContent).sort(),
    ).toEqual(['a', 'b', 'cue']);
  });

  test('an HTML page has the raster, the population rate and the ISI histogram; other kinds are refused', async () => {
    const dir = tempDirWith({ 'net.json': CHAIN });
    const run = await runCli(['simulate', 'net.json', '--plot', 'net.html'], dir);
    expect(run.code, run.stderr).toBe(0);
    const charts = parseSvgs(readFileSync(join(dir, 'net.html'), 'utf8'));
    expect(charts.map((chart) => titlesOf(chart)[0])).toEqual([
      'Spike raster',
      'Population rate',
      'Inter-spike intervals',
    ]);
    const refused = await runCli(['simulate', 'net.json', '--plot', 'v.html', '--plot-kind', 'v'], dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/a network's plot draws raster, rate, isi/);
    expect(refused.stderr).toMatch(/records no state; add monitors.state/);
    expect(refused.stdout).toBe('');
  });

  test('charts the states a scenario monitors, one line per neuron, at the times they were recorded', async () => {
    const monitored = {
      network: {
        ...CHAIN.network,
        monitors: { state: [{ population: 'a', vars: ['v'], indices: [1], stride: 10 }] },
      },
    };
    const dir = tempDirWith({ 'net.json': monitored });
    const run = await runCli(['simulate', 'net.json', '--plot', 'net.html'], dir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/\nplot {8}net\.html \(raster, rate, isi, a\.v\)\n$/);
    const charts = parseSvgs(readFileSync(join(dir, 'net.html'), 'utf8'));
    const trace = charts[3]!;
    expect(titlesOf(trace)[0]).toBe('v of a against time');
    // 200 steps every 10: 20 samples of neuron 1, one vertex each.
    const lines = markItems(trace, 'line');
    expect(lines).toHaveLength(1);
    expect(lines[0]!.getAttribute('d')!.split('L')).toHaveLength(20);
    const refused = await runCli(['simulate', 'net.json', '--plot', 'w.html', '--plot-kind', 'a.w'], dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/or a recorded state: a\.v/);
  });
});
