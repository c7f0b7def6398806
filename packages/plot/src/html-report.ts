import type { ChartSpec } from './chart-spec.js';
import { renderSvg } from './render.js';

/** A page of charts: each rendered to SVG and inlined, so the file opens anywhere without scripts. */
export async function renderHtmlReport(
  charts: readonly ChartSpec[],
  title = 'SynapticFlow.ts charts',
): Promise<string> {
  const figures: string[] = [];
  for (const chart of charts) figures.push(`<figure>${await renderSvg(chart)}</figure>`);
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<title>${escapeHtml(title)}</title>`,
    '<style>body{font-family:sans-serif;margin:2em}figure{margin:0 0 2em}</style>',
    '</head>',
    '<body>',
    `<h1>${escapeHtml(title)}</h1>`,
    ...figures,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}
