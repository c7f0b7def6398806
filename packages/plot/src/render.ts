import { parse, View } from 'vega';
import { compile } from 'vega-lite';
import type { ChartSpec } from './chart-spec.js';

/** Renders a chart to SVG text with vega's headless renderer (no browser or DOM needed). */
export async function renderSvg(spec: ChartSpec): Promise<string> {
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
