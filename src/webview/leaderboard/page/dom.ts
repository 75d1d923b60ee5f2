// DOM building for the page: elements and text nodes only. Data never passes through innerHTML, and the helpers
// refuse event-handler and style attributes, so a string from the data can only ever become text.

export type Attrs = Record<string, string | number | boolean | null | undefined>;
export type Child = Node | string | number | null | undefined | false;

const forbidden = /^(on|style$|srcdoc$|href$|src$|xlink:href$|formaction$)/i;

function setAttributes(element: Element, attrs: Attrs | undefined): void {
  if (!attrs) return;
  for (const [name, value] of Object.entries(attrs)) {
    if (forbidden.test(name)) throw new Error(`GridLens page: attribute '${name}' is not allowed`);
    if (value === null || value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
}

function append(element: Element, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
}

/** An HTML element with attributes and children; strings become text nodes. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  setAttributes(element, attrs);
  append(element, children);
  return element;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** An SVG element (no foreignObject, no scripts: only the drawing elements the charts use). */
export function svg<K extends 'svg' | 'g' | 'path' | 'circle' | 'rect' | 'polygon' | 'line' | 'text' | 'title' | 'desc'>(
  tag: K,
  attrs?: Attrs,
  ...children: Child[]
): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG_NS, tag);
  setAttributes(element, attrs);
  append(element, children);
  return element;
}

export function on<K extends keyof HTMLElementEventMap>(
  element: HTMLElement,
  type: K,
  listener: (event: HTMLElementEventMap[K]) => void,
): void {
  element.addEventListener(type, listener);
}

/** A button with its click handler. */
export function button(label: Child, attrs: Attrs, onClick: (event: MouseEvent) => void): HTMLButtonElement {
  const b = h('button', { type: 'button', ...attrs }, label);
  b.addEventListener('click', onClick);
  return b;
}

export function option(value: string, label: string, selected = false): HTMLOptionElement {
  const o = h('option', { value }, label);
  o.selected = selected;
  return o;
}

/** Sets a position or size through the CSSOM (allowed under the CSP, unlike style attributes). */
export function place(element: HTMLElement, left: number, width: number): void {
  element.style.left = `${(left * 100).toFixed(3)}%`;
  element.style.width = `${(Math.max(0, width) * 100).toFixed(3)}%`;
}

let ids = 0;
export const uniqueId = (prefix: string): string => `${prefix}-${++ids}`;
