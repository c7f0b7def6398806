import { DOMParser } from 'linkedom';

/** The part of a parsed SVG element the tests read. */
export interface SvgElement {
  getAttribute(name: string): string | null;
  querySelector(selector: string): SvgElement | null;
  querySelectorAll(selector: string): ArrayLike<SvgElement>;
  readonly children: ArrayLike<SvgElement>;
  readonly parentElement: SvgElement | null;
  readonly textContent: string | null;
}

/** Parses SVG text into a document, failing the test if it is not well-formed SVG. */
export function parseSvg(svg: string): SvgElement {
  const document = new DOMParser().parseFromString(svg, 'image/svg+xml') as unknown as SvgElement;
  const root = document.querySelector('svg');
  if (!root) throw new Error(`not an SVG document: ${svg.slice(0, 80)}`);
  return root;
}

/** The drawn items of the mark groups of one kind (e.g. "rect", "line", "area", "rule"); axes and legends excluded. */
export function markItems(root: SvgElement, kind: string): SvgElement[] {
  return Array.from(root.querySelectorAll(`g.mark-${kind}.role-mark`)).flatMap((group) =>
    isInside(group, /role-axis|role-legend|role-title/) ? [] : Array.from(group.children),
  );
}

/** The text of every `<text>` inside groups of one role (e.g. "role-axis-label"). */
export function textsIn(root: SvgElement, role: string): string[] {
  return Array.from(root.querySelectorAll(`g.${role} text`), (text) => text.textContent ?? '');
}

function isInside(element: SvgElement, pattern: RegExp): boolean {
  for (let parent = element.parentElement; parent; parent = parent.parentElement) {
    if (pattern.test(parent.getAttribute('class') ?? '')) return true;
  }
  return false;
}
