/** The pane's DOM helpers: elements by id, new elements, report lists, and buttons busy while their work runs. */
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

/**
 * Runs `work` with the button disabled and marked busy (aria-busy), so it cannot start twice; a failure goes to
 * `failed` and gives undefined.
 */
export async function busy<T>(
  button: HTMLButtonElement,
  work: () => Promise<T>,
  failed: (e: unknown) => void,
): Promise<T | undefined> {
  button.disabled = true;
  button.setAttribute("aria-busy", "true");
  try {
    return await work();
  } catch (e) {
    failed(e);
    return undefined;
  } finally {
    button.disabled = false;
    button.removeAttribute("aria-busy");
  }
}
