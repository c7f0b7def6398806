import type { TopLevelSpec } from 'vega-lite';

/** A chart: a Vega-Lite spec with its data inline, ready for `renderSvg` or for vega-embed in a browser. */
export type ChartSpec = TopLevelSpec;

/** Size and titles every chart function takes. */
export interface ChartOptions {
  /** Chart title (each chart has its own default). */
  title?: string;
  /** Width of the plotting area in pixels (default 640). */
  width?: number;
  /** Height of the plotting area in pixels (default 320). */
  height?: number;
}

/** Default size of a chart's plotting area in pixels. */
export const DEFAULT_WIDTH = 640;
export const DEFAULT_HEIGHT = 320;

/** The `$schema` of every chart: Vega-Lite 6. */
export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** The top-level fields shared by every chart. */
export function chartFrame(options: ChartOptions, title: string, subtitle?: string) {
  return {
    $schema: VEGA_LITE_SCHEMA,
    width: options.width ?? DEFAULT_WIDTH,
    height: options.height ?? DEFAULT_HEIGHT,
    title: { text: options.title ?? title, ...(subtitle === undefined ? {} : { subtitle }) },
    // No per-mark aria labels: they triple the size of an SVG with many marks.
    config: { mark: { aria: false }, background: 'white' },
  } as const;
}
