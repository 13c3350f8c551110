/**
 * Figures as the source prints them ("$79,107 million", "$240 billion", "23%", "1.5%", "largest region"),
 * read into the dataset's units: USD million, fractions and ranks. The interval a figure's rounding allows is
 * in ./intervals (the checks' code, which the functions' bundle does not carry).
 */
export interface PrintedNumber {
  /** the value in the dataset's unit */
  value: number;
  /** one unit of the last printed digit, in the dataset's unit (the source's rounding step) */
  step: number;
  unit: "USD million" | "fraction" | "rank";
}

const MONEY = /^\$(\d{1,3}(?:,\d{3})*|\d+)(?:\.(\d+))? (million|billion)$/;
const PERCENT = /^(\d+)(?:\.(\d+))?%$/;
const RANK = /^largest (?:region|country|segment)$/;

/** Reads a printed figure; returns undefined when the text is not a figure the dataset knows how to read. */
export function readPrinted(printed: string): PrintedNumber | undefined {
  const money = MONEY.exec(printed);
  if (money) {
    const scale = money[3] === "billion" ? 1000 : 1;
    const decimals = money[2] ?? "";
    const digits = Number(money[1].replace(/,/g, "") + decimals);
    const step = scale / 10 ** decimals.length;
    return { value: digits * step, step, unit: "USD million" };
  }
  const percent = PERCENT.exec(printed);
  if (percent) {
    const decimals = percent[2] ?? "";
    const digits = Number(percent[1] + decimals);
    const divisor = 100 * 10 ** decimals.length;
    return { value: digits / divisor, step: 1 / divisor, unit: "fraction" };
  }
  if (RANK.test(printed)) return { value: 1, step: 1, unit: "rank" };
  return undefined;
}

const CURRENCY = /^(?:USD |US\$ )/;

/** Reads a money figure as another publisher prints it ("USD 230.69 billion", "US$ 51.2 billion", "$240 billion"). */
export function readPublished(printed: string): PrintedNumber | undefined {
  const read = readPrinted(printed.replace(CURRENCY, "$"));
  return read && read.unit === "USD million" ? read : undefined;
}
