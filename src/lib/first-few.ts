/** Lists that name their first few items and count the rest: "A1, A2, A3 and 4 more". */

/** The first `limit` items and how many more there are. */
export function firstFew<T>(items: readonly T[], limit: number): { shown: T[]; more: number } {
  return { shown: items.slice(0, limit), more: Math.max(0, items.length - limit) };
}

/** The words for the items left out: "and 4 more". */
export const andMore = (more: number): string => `and ${more} more`;

/** The first `limit` items (six unless told), written by `text`, with the count of the rest: "A1, A2 and 4 more". */
export function listFirst<T>(items: readonly T[], limit = 6, text: (item: T) => string = String): string {
  const { shown, more } = firstFew(items, limit);
  return shown.map(text).join(", ") + (more ? ` ${andMore(more)}` : "");
}
