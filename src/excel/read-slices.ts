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

/** A read cut by rows: the bytes each row may take in a response, and `load`, which queues rows [start, end). */
export interface RowsRead {
  rows: readonly number[];
  load: (start: number, end: number) => () => void;
}

/**
 * Runs the reads in as few requests as their estimated responses allow, each at most `limit` (with `perLoad` bytes
 * for each load's own framing): a read that does not fit the room left is cut by rows, its first rows filling the
 * request and the rest going on into the next. A single row larger than the limit goes alone. The results land in
 * order.
 */
export async function readRows(
  sync: () => Promise<void>,
  reads: readonly RowsRead[],
  limit: number,
  perLoad: number,
): Promise<void> {
  const requests: Array<Array<[RowsRead, number, number]>> = [];
  let current: Array<[RowsRead, number, number]> = [];
  let bytes = 0;
  for (const read of reads) {
    let start = 0;
    while (start < read.rows.length) {
      let room = limit - bytes - perLoad;
      let end = start;
      while (end < read.rows.length && room >= read.rows[end]) room -= read.rows[end++];
      if (end === start && current.length) {
        requests.push(current);
        current = [];
        bytes = 0;
        continue;
      }
      end = Math.max(end, start + 1);
      current.push([read, start, end]);
      for (let i = start; i < end; i++) bytes += read.rows[i];
      bytes += perLoad;
      start = end;
    }
  }
  if (current.length) requests.push(current);
  for (const request of requests) {
    const done = request.map(([read, start, end]) => read.load(start, end));
    await sync();
    for (const d of done) d();
  }
}
