import { DOMParser } from 'linkedom';

/** The part of a parsed SVG element the tests read. */
export interface SvgElement {
  getAttribute(name: string): string | null;
  querySelector(selector: string): SvgElement | null;
  querySelectorAll(selector: string): ArrayLike<SvgElement>;
  readonly children: ArrayLike<SvgElement>;
  readonly textContent: string | null;
}

/** Every `<svg>` element of an SVG or HTML text, parsed; a file with none fails the test. */
export function parseSvgs(text: string): SvgElement[] {
  const type = text.trimStart().startsWith('<!doctype html') ? 'text/html' : 'image/svg+xml';
  const document = new DOMParser().parseFromString(text, type) as unknown as SvgElement;
  const svgs = Array.from(document.querySelectorAll('svg'));
  if (svgs.length === 0) throw new Error(`no SVG in: ${text.slice(0, 80)}`);
  return svgs;
}

/** The drawn items of a chart's mark groups of one kind (e.g. "rect", "symbol", "rule"), axes and legends excluded. */
export function markItems(svg: SvgElement, kind: string): SvgElement[] {
  return Array.from(svg.querySelectorAll(`g.mark-${kind}.role-mark`)).flatMap((group) =>
    Array.from(group.children),
  );
}

/** The chart's title and subtitle. */
export function titlesOf(svg: SvgElement): string[] {
  return Array.from(svg.querySelectorAll('g.role-title text'), (text) => text.textContent ?? '');
}
