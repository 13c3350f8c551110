/**
 * Writes in budgeted requests (src/core/excel/write-batches.ts): slices of several writes share a request up to the
 * budget, and a new table's body goes as one value per column where every cell of the column takes the same one.
 */
import {
  bodyWrites,
  planBatches,
  sameInEveryCell,
  utf8Bytes,
  type CellWrite,
  type WriteOp,
} from "../../src/core/excel";

const column = (address: string, rows: number, text: (i: number) => string): CellWrite => ({
  kind: "cells",
  table: "T",
  sheet: "S",
  address,
  formulas: Array.from({ length: rows }, (_, i) => [text(i)]),
});
/** A request's bytes as the stand-in measures them: the JSON of what it sets, in UTF-8. */
const requestBytes = (batch: readonly WriteOp[]): number =>
  batch.reduce((n, op) => n + (op.kind === "cells" ? utf8Bytes(JSON.stringify(op.formulas ?? null)) : 0), 0);

describe("planBatches", () => {
  test("the rest of one write and the start of the next share a request; every request stays within the budget", () => {
    const budget = 20 * 1024;
    const a = column("A1:A300", 300, (i) => `'a ${i} ${"x".repeat(100)}`);
    const b = column("B1:B300", 300, (i) => `'b ${i} – ${"y".repeat(100)}`);
    const batches = planBatches([a, b], budget);
    for (const batch of batches) expect(requestBytes(batch)).toBeLessThanOrEqual(budget);
    // as few requests as the bytes need: no request is left half empty
    const total = requestBytes([a, b]);
    expect(batches.length).toBeLessThanOrEqual(Math.ceil(total / (0.95 * budget)));
    expect(batches.some((batch) => batch.length === 2 && batch.every((op) => op.kind === "cells"))).toBe(true);
    // the rows arrive in order, at their own addresses
    const rows = (x: string) =>
      batches.flat().filter((op): op is CellWrite => op.kind === "cells" && op.address.startsWith(x));
    expect(rows("A").flatMap((op) => op.formulas!)).toEqual(a.formulas);
    expect(rows("B").flatMap((op) => op.formulas!)).toEqual(b.formulas);
    const first = rows("B")[1].address;
    expect(first).toBe(
      `B${1 + rows("B")[0].formulas!.length}:B${rows("B")[0].formulas!.length + rows("B")[1].formulas!.length}`,
    );
  });

  test("the first request keeps room for what was queued before it; multi-byte characters count as UTF-8", () => {
    const budget = 10 * 1024;
    const a = column("A1:A100", 100, () => `'${"é".repeat(60)}`);
    const batches = planBatches([a], budget, 6 * 1024);
    expect(requestBytes(batches[0])).toBeLessThanOrEqual(4 * 1024);
    for (const batch of batches) expect(requestBytes(batch)).toBeLessThanOrEqual(budget);
    expect(utf8Bytes("é–😀a")).toBe(2 + 3 + 4 + 1);
  });

  test("only the final request keeps room for what the caller queues after the writes; the others fill the budget", () => {
    const budget = 20 * 1024;
    const row = (i: number) => `'${i} ${"r".repeat(1000)}`;
    // 39 rows of about 1 KB: two requests' worth, the second nearly full
    const a = column("A1:A39", 39, row);
    const last = 2 * 1024;
    const batches = planBatches([a], budget, 0, last);
    const bytes = batches.map(requestBytes);
    expect(bytes[bytes.length - 1] + last).toBeLessThanOrEqual(budget);
    // the first request is filled to the budget, not to the budget less that room
    expect(bytes[0]).toBeGreaterThan(budget - 1200);
    expect(batches).toHaveLength(3);
    expect(batches.flat().flatMap((op) => (op as CellWrite).formulas!)).toEqual(a.formulas);
    // with room to spare in the final request, nothing moves
    expect(planBatches([column("A1:A30", 30, row)], budget, 0, last)).toEqual(
      planBatches([column("A1:A30", 30, row)], budget),
    );
  });

  test("a single row larger than the budget goes alone", () => {
    const a = column("A1:A3", 3, (i) => (i === 1 ? "'" + "z".repeat(5000) : "'short"));
    expect(planBatches([a], 1024).map((b) => b.map((op) => (op as CellWrite).address))).toEqual([
      ["A1"],
      ["A2"],
      ["A3"],
    ]);
  });
});

describe("bodyWrites", () => {
  test("a column of one formula, one value or one number format is set with a single value; the rest as arrays", () => {
    const rows = [
      ["North America", 0.1, "=T[[#This Row],[2024]]*2", "=A2*2", "region"],
      ["USA", 0.2, "=T[[#This Row],[2024]]*2", "=A3*2", "region"],
    ];
    const formats = [
      ["General", "0%", "#,##0", "#,##0", "General"],
      ["General", "0.0%", "#,##0", "#,##0", "General"],
    ];
    const ops = bodyWrites({ table: "T", sheet: "S" }, { row: 1, column: 0 }, rows, formats, 5);
    const shown = ops.map((op) => [op.address, op.fill ?? op.numberFormat ?? op.formulas]);
    expect(shown).toEqual([
      ["A2:A3", { numberFormat: "General" }],
      ["B2:B3", [["0%"], ["0.0%"]]],
      ["C2:D3", { numberFormat: "#,##0" }],
      ["E2:E3", { numberFormat: "General" }],
      [
        "A2:B3",
        [
          ["'North America", 0.1],
          ["'USA", 0.2],
        ],
      ],
      ["C2:C3", { formula: "=T[[#This Row],[2024]]*2" }],
      // a relative A1 reference differs from row to row: written cell by cell
      ["D2:D3", [["=A2*2"], ["=A3*2"]]],
      ["E2:E3", { formula: "'region" }],
    ]);
  });

  test("a formula reads the same in every cell unless something outside quotes and brackets looks like an A1 reference", () => {
    expect(
      sameInEveryCell('=IF(OR(T[[#This Row],[2024]]=""),"",RRI(5,T[[#This Row],[2024]],T[[#This Row],[2029]]))'),
    ).toBe(true);
    expect(sameInEveryCell("=T[[#This Row],[Q1 2024]]&\"A1\"&'B2 x'!$C$0")).toBe(false); // $C$0: letters then digits
    expect(sameInEveryCell("=IOMT.SHARE(T[[#This Row],[Growth]],SUM(T[[Growth]]))")).toBe(true);
    expect(sameInEveryCell("=A1")).toBe(false);
    expect(sameInEveryCell("=$A$1+1")).toBe(false);
    expect(sameInEveryCell("=LOG10(T[[#This Row],[x]])")).toBe(false);
    expect(sameInEveryCell("=T[[#This Row],[a'[b]]+B2")).toBe(false);
    expect(sameInEveryCell('="unclosed')).toBe(false);
  });
});
