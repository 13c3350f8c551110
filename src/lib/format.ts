/** Numbers as text for people: the source's own style ("122,211", "78,643.2", "23%"). */

/** The thousands-grouping format, built on first use: building it costs more than a page's scripts take to load. */
let grouped: Intl.NumberFormat | undefined;

/** A USD million amount with thousands separators and at most four decimals. */
export function formatAmount(value: number): string {
  grouped ??= new Intl.NumberFormat("en-US", { maximumFractionDigits: 4 });
  return grouped.format(value);
}

/** A fraction as a percentage with at most `digits` decimals: 0.2270 -> "22.7%". */
export function formatPercent(value: number, digits = 2): string {
  const percent = Number((value * 100).toFixed(digits));
  return `${percent}%`;
}
