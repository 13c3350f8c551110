/** The pane's DOM helpers: elements by id, new elements, report lists. */
import type { Tone } from "../core/refresh";

/** The pane's element with this id (the pane's HTML has every id the code asks for). */
export const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

/** A new element with its text and class. */
export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text?: string,
  className?: string,
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (text !== undefined) el.textContent = text;
  if (className) el.className = className;
  return el;
}

/** A report as the pane shows it: a list of lines whose colour says how it went. */
export function reportList(lines: readonly string[], tone: Tone): HTMLUListElement {
  const list = element("ul", undefined, `report ${tone}`);
  for (const line of lines) list.append(element("li", line));
  return list;
}
