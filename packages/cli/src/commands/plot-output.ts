import { extname } from 'node:path';
import { type ChartSpec, renderHtmlReport, renderSvg } from '@synapticflow/plot';
import { FileError, UsageError } from '../errors.js';
import { writeAtomically } from '../trace/write-atomically.js';
import { chartOf, type PlotRun } from './plot-charts.js';

/** The file types a plot is written as: one chart as SVG, or a page of charts as HTML. */
export type PlotFormat = 'svg' | 'html';

/** The format a plot file's extension asks for. */
export function plotFormatOf(path: string, flag: string, command: string): PlotFormat {
  const extension = extname(path).toLowerCase();
  if (extension === '.svg') return 'svg';
  if (extension === '.html' || extension === '.htm') return 'html';
  throw new UsageError(
    `${flag} "${path}" must end in .svg (one chart) or .html (a page of charts), got "${extension || 'no extension'}"`,
    command,
  );
}

/** Draws the charts of a run and writes them; an SVG holds exactly one chart. */
export async function writePlot(
  run: PlotRun,
  kinds: readonly string[],
  out: { path: string; shownAs: string; format: PlotFormat },
  title: string,
): Promise<void> {
  await writeCharts(
    kinds.map((kind) => chartOf(run, kind)),
    out,
    title,
  );
}

/** Writes charts as one SVG (the first chart) or an HTML page of all of them. */
export async function writeCharts(
  charts: readonly ChartSpec[],
  out: { path: string; shownAs: string; format: PlotFormat },
  title: string,
): Promise<void> {
  const text = out.format === 'svg' ? await renderSvg(charts[0]!) : await renderHtmlReport(charts, title);
  try {
    await writeAtomically(out.path, [text]);
  } catch (error) {
    throw new FileError(`cannot write plot file "${out.shownAs}" (${out.path}): ${(error as Error).message}`);
  }
}
