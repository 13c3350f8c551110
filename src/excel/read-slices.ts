/**
 * Reads in slices under the response budget: Excel on the web refuses a response over 5 MB
 * (ResponsePayloadSizeLimitExceeded), so reads are grouped into requests whose estimated responses stay under the
 * budget, and when Excel still refuses one (cells longer than estimated), everything is read again in smaller
 * slices.
 */
import { batchWrites } from "../core/excel";

/** Excel's refusal of a request or response over its size limit. */
const isPayloadLimit = (e: unknown): boolean =>
  /PayloadSizeLimitExceeded|payload size/i.test(
    `${(e as { code?: string })?.code ?? ""} ${(e as Error)?.message ?? ""}`,
  );

/** One read: its estimated response in bytes, and `load`, which queues it and returns what takes its result. */
export interface SliceRead<T> {
  bytes: number;
  load: () => () => T;
}

/** Runs the reads in requests whose estimated responses add up to at most `limit`; the results in order. */
export async function readBatches<T>(
  sync: () => Promise<void>,
  reads: readonly SliceRead<T>[],
  limit: number,
): Promise<T[]> {
  const out: T[] = [];
  for (const batch of batchWrites(reads, (r) => r.bytes, limit)) {
    const done = batch.map((r) => r.load());
    await sync();
    for (const d of done) out.push(d());
  }
  return out;
}

/** The smallest budget tried before a refusal is passed on. */
const SMALLEST_BUDGET = 4096;

/** `attempt(budget)`, and again with a quarter of the budget each time Excel refuses a response as too large. */
export async function withSmallerSlices<T>(budget: number, attempt: (limit: number) => Promise<T>): Promise<T> {
  for (let limit = budget; ; limit = Math.floor(limit / 4)) {
    try {
      return await attempt(limit);
    } catch (e) {
      if (!isPayloadLimit(e) || limit < SMALLEST_BUDGET) throw e;
    }
  }
}
