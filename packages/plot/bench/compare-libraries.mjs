// Vega-Lite (rendered by vega's headless SVG renderer) against Observable Plot (with linkedom as its DOM in
// Node) on one job: a raster of 100,000 spikes drawn as one mark per spike, written as an SVG string.
// Prints the median time of several runs and the size of the SVG each produces (see docs/plots.md).
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import * as vega from 'vega';
import { compile } from 'vega-lite';

const SPIKES = Number(process.env.SPIKES ?? 100_000);
const RUNS = Number(process.env.RUNS ?? 5);
const NEURONS = 1000;
const STEPS = 10_000;
const DT = 0.1;

/** A fixed pseudo-random raster (a linear congruential generator, so every run draws the same spikes). */
function spikes() {
  let seed = 12345;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  return Array.from({ length: SPIKES }, () => ({
    t: Math.floor(next() * STEPS) * DT,
    i: Math.floor(next() * NEURONS),
  }));
}

async function vegaLiteSvg(data) {
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 800,
    height: 400,
    data: { values: data },
    mark: { type: 'tick', orient: 'vertical', thickness: 1, aria: false, opacity: 1 },
    encoding: {
      x: { field: 't', type: 'quantitative', title: 'time (ms)' },
      y: { field: 'i', type: 'quantitative', title: 'neuron' },
    },
  };
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}

function observablePlotSvg(data) {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const figure = Plot.plot({
    document,
    width: 800,
    height: 400,
    x: { label: 'time (ms)' },
    y: { label: 'neuron' },
    marks: [Plot.tickX(data, { x: 't', y: 'i' })],
  });
  return figure.outerHTML;
}

async function measure(name, render, data) {
  const times = [];
  let size = 0;
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    const svg = await render(data);
    times.push(performance.now() - start);
    size = Buffer.byteLength(svg);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  console.log(
    `${name.padEnd(34)} median ${median.toFixed(0).padStart(6)} ms   SVG ${(size / 1e6).toFixed(2)} MB`,
  );
}

const data = spikes();
console.log(`${SPIKES} spikes, ${RUNS} runs each (Node ${process.version})`);
await measure('vega-lite + vega (headless SVG)', vegaLiteSvg, data);
await measure('Observable Plot + linkedom', observablePlotSvg, data);
