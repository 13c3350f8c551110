/** An estimate's basis in words: the figure as printed, the arithmetic that carried it, or why there is none. */
import { formatAmount } from "../../lib/format";
import type { YearEstimate } from "./common-years";

/** Whether the value is a floor: the page gives the figure it stands on as one ("to surpass"). */
export const isFloor = (e: YearEstimate): boolean => e.figure?.qualifier === "surpass";

export function estimateBasis(e: YearEstimate): string {
  const { year, figure: f, page: p } = e;
  const floor = isFloor(e) ? "; a floor (the page: to surpass)" : "";
  if (e.kind === "printed") return `"${f!.printed}" (${year}), as printed${floor}`;
  if (e.kind === "extrapolated") {
    const years = year - f!.year;
    return (
      `${formatAmount(f!.value)} (${f!.year}) × (1 + ${p.cagr!.printed})^${years} = ` +
      `${formatAmount(Number(e.value!.toFixed(1)))} USD million${floor}`
    );
  }
  if (e.reason === "no CAGR") return `The page prints no CAGR to carry its figures to ${year}.`;
  const covers = `the CAGR's years ${p.cagr!.from}–${p.cagr!.to} and the year next to them`;
  return e.reason === "outside" ? `${year} lies outside ${covers}.` : `No printed figure lies within ${covers}.`;
}
