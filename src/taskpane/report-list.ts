/** A report as the pane shows it: a list of lines whose colour says how it went. */
export type Tone = "ok" | "warn" | "bad";

export function reportList(lines: readonly string[], tone: Tone): HTMLUListElement {
  const list = document.createElement("ul");
  list.className = `report ${tone}`;
  for (const line of lines) {
    const li = document.createElement("li");
    li.textContent = line;
    list.appendChild(li);
  }
  return list;
}
