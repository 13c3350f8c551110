/** Numbers as text for people: the source's own style ("122,211", "78,643.2", "23%"). */

/** Intl's format, for the numbers the written-out one leaves to it; built on first use: building it is slow. */
let grouped: Intl.NumberFormat | undefined;

/**
 * A USD million amount with thousands separators and at most four decimals: the text of Intl.NumberFormat("en-US",
 * { maximumFractionDigits: 4 }), which rounds the shortest round-trip decimal (String's digits) half away from zero
 * and signs every negative amount, -0 too. Written out for plain numbers because building that format costs a page
 * more than its scripts take to load; exponent forms, NaN, Infinity and amounts past 2^53 ten-thousandths go to
 * Intl (tests/unit/format.test.ts compares the two).
 */
export function formatAmount(value: number): string {
  const [whole, fraction = ""] = String(Math.abs(value)).split(".");
  // the amount in ten-thousandths, rounded half up on the fifth decimal
  const n = Number(whole + (fraction + "0000").slice(0, 4)) + (fraction.charAt(4) >= "5" ? 1 : 0);
  if (!/^\d+$/.test(whole + fraction) || n > Number.MAX_SAFE_INTEGER)
    return (grouped ??= new Intl.NumberFormat("en-US", { maximumFractionDigits: 4 })).format(value);
  const digits = String(n).padStart(5, "0");
  let int = digits.slice(0, -4);
  for (let i = int.length - 3; i > 0; i -= 3) int = `${int.slice(0, i)},${int.slice(i)}`;
  let decimals = digits.slice(-4);
  while (decimals.endsWith("0")) decimals = decimals.slice(0, -1);
  return (1 / value < 0 ? "-" : "") + int + (decimals && `.${decimals}`);
}

/** A fraction as a percentage with at most `digits` decimals: 0.2270 -> "22.7%". */
export function formatPercent(value: number, digits = 2): string {
  const percent = Number((value * 100).toFixed(digits));
  return `${percent}%`;
}
