/**
 * Consistency checks of other publishers' estimates: does each page's printed CAGR agree with the CAGR its own
 * printed values give, within their rounding? One check per publisher that prints a CAGR and a value at (or next
 * to) each end of its window. Same shape as the bundled dataset's checks, so the checks table shows both.
 */
import { compoundRate } from "../lib/rate";
import type { ConsistencyCheck } from "./checks";
import type { EstimateFigure, PublisherEstimate } from "./estimates-schema";
import { statedInterval } from "./intervals";

const interval = (f: EstimateFigure) => statedInterval(f.value, f.step, f.qualifier);

export function publisherChecks(estimates: readonly PublisherEstimate[]): ConsistencyCheck[] {
  const checks: ConsistencyCheck[] = [];
  for (const p of estimates) {
    if (!p.cagr) continue;
    const { from, to } = p.cagr;
    const at = (...years: number[]) => years.map((y) => p.figures.find((f) => f.year === y)).find((f) => f);
    const start = at(from, from - 1);
    const end = at(to, to + 1);
    if (!start || !end || start === end) continue;
    const n = end.year - start.year;
    const s = interval(start);
    const e = interval(end);
    const stated = statedInterval(p.cagr.rate, p.cagr.step);
    const computed = { low: compoundRate(s.high, e.low, n), high: compoundRate(s.low, e.high, n) };
    const span = to - from;
    const other =
      span !== n && span > 0
        ? `; over the window's ${span} years instead: ${(compoundRate(start.value, end.value, span) * 100).toFixed(2)}%`
        : "";
    checks.push({
      id: `publisher-cagr:${p.publisher}`,
      title: `${p.publisher}: printed CAGR ${from}–${to} vs CAGR of its printed values`,
      relation: "agrees",
      unit: "fraction",
      stated: p.cagr.rate,
      statedLow: stated.low,
      statedHigh: stated.high,
      computed: compoundRate(start.value, end.value, n),
      computedLow: computed.low,
      computedHigh: computed.high,
      explanation: `(${end.value} (${end.year}) / ${start.value} (${start.year}))^(1/${n}) − 1${other}`,
      passed: stated.low <= computed.high && computed.low <= stated.high,
      inputs: [p.address, `${start.year}: ${start.printed}`, `${end.year}: ${end.printed}`, p.cagr.printed],
    });
  }
  return checks;
}
