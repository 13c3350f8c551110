/** The interval a printed figure stands for, given its rounding and its qualifier: what the consistency checks compare. */
import type { Qualifier } from "./schema";

export interface Interval {
  low: number;
  high: number;
}

/**
 * The interval a stated figure stands for, given the source's rounding and its qualifier:
 * a plain or "about" figure is rounded to its last digit (± half a step); "surpass" and "over" give a
 * floor (up to one step above it); "nearly" gives a ceiling (up to half a step below it).
 */
export function statedInterval(value: number, step: number, qualifier?: Qualifier): Interval {
  switch (qualifier) {
    case "surpass":
    case "over":
      return { low: value, high: value + step };
    case "nearly":
      return { low: value - step / 2, high: value };
    default:
      return { low: value - step / 2, high: value + step / 2 };
  }
}
