/**
 * Workbook files on disk (src/export/workbook-file.ts, src/export/zip-directory.ts): reading whatever a file holds
 * with a message that says what is wrong, limits checked on the declared sizes before anything is inflated and
 * again while inflating, and an atomic write that leaves the previous file intact when the write fails part-way.
 */
import fs from "fs";
import os from "os";
import path from "path";
import ExcelJS from "exceljs";
import {
  readWorkbookFile,
  sameFile,
  WORKBOOK_LIMITS,
  WorkbookFileError,
  writeAll,
  writeFileAtomically,
} from "../../src/export/workbook-file";
import { checkInflatedSizes, readZipDirectory } from "../../src/export/zip-directory";
import { caught } from "../support/failure";
import { declareSizes, partNames, rawZip, withPart, zipOf } from "../support/zip-bytes";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "iomt-workbook-file-"));
const file = (name: string) => path.join(dir, name);

async function workbookBytes(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("Calc").getCell("A1").value = 42;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function reason(name: string, bytes: Buffer, limits = WORKBOOK_LIMITS): Promise<string> {
  fs.writeFileSync(file(name), bytes);
  const e = caught(() => readWorkbookFile(file(name), limits));
  expect(e).toBeInstanceOf(WorkbookFileError);
  expect(e.message.startsWith(`${file(name)}: `)).toBe(true);
  return e.reason;
}

describe("reading a workbook file", () => {
  test("a good workbook reads", async () => {
    fs.writeFileSync(file("good.xlsx"), await workbookBytes());
    const wb = readWorkbookFile(file("good.xlsx"));
    expect(wb.cellValue("Calc", "A1")).toBe(42);
  });

  test("a missing file, a folder, a text file, a zip without a workbook, an encrypted workbook", async () => {
    expect(caught(() => readWorkbookFile(file("absent.xlsx"))).reason).toBe("not found");
    expect(caught(() => readWorkbookFile(dir)).reason).toBe("is a directory");
    expect(await reason("text.xlsx", Buffer.from("Region,2029\nUSA,1\n"))).toMatch(/^not an \.xlsx workbook/);
    expect(await reason("empty.xlsx", Buffer.alloc(0))).toMatch(/^not an \.xlsx workbook/);
    expect(await reason("docs.xlsx", await zipOf({ "word/document.xml": "<w/>" }))).toBe(
      "not an .xlsx workbook (the package has no xl/workbook.xml)",
    );
    const cfb = Buffer.concat([Buffer.from("d0cf11e0a1b11ae1", "hex"), Buffer.alloc(504)]);
    expect(await reason("protected.xlsx", cfb)).toMatch(/^not an \.xlsx workbook \(it is password-protected/);
  });

  test("a truncated or corrupted zip is damaged", async () => {
    const good = await workbookBytes();
    for (const cut of [30, good.length >> 1, good.length - 10])
      expect(await reason(`cut-${cut}.xlsx`, good.subarray(0, cut))).toMatch(/^the file is damaged \(/);
    // a byte flipped inside the deflated data of a part: its checksum (or the inflation) fails
    const flipped = Buffer.from(good);
    flipped[200] ^= 0xff;
    expect(await reason("flipped.xlsx", flipped)).toMatch(/^the file is damaged \(its part .+/);
    // well-formed zip, workbook part that is not XML
    expect(await reason("junk-xml.xlsx", await withPart(good, "xl/workbook.xml", "<<<not xml"))).toBe(
      "the file is damaged (its part xl/workbook.xml cannot be read: a tag has no name)",
    );
  });

  test("declared sizes over the limits are refused from the directory alone", async () => {
    const good = await workbookBytes();
    const names = partNames(good);
    expect(names.length).toBeGreaterThanOrEqual(6);
    // each part under the per-part limit, together over 1 GB
    const total = declareSizes(good, () => true, 200e6);
    expect(await reason("total.xlsx", total)).toMatch(
      /^refused: it would inflate to at least 1\.2 GB, over the limit of 1 GB$/,
    );
    const onePart = declareSizes(good, (n) => n === "xl/workbook.xml", 300e6);
    expect(await reason("part.xlsx", onePart)).toMatch(/^refused: its part xl\/workbook\.xml would inflate to 300 MB/);
    const count = await reason("count.xlsx", good, { ...WORKBOOK_LIMITS, maxParts: names.length - 1 });
    expect(count).toBe(`refused: it has ${names.length} parts, over the limit of ${names.length - 1}`);
    // the directory is read without inflating: 4 GB declared, a few KB of data
    expect(() =>
      readZipDirectory(
        declareSizes(good, () => true, 0xfffffff0),
        WORKBOOK_LIMITS,
      ),
    ).toThrow(/over the limit/);
  });

  test("a part that inflates past what it declares is refused while inflating, capped at the declared size", async () => {
    const bomb = await withPart(await workbookBytes(), "xl/media/zeros.bin", Buffer.alloc(50e6));
    expect(bomb.length).toBeLessThan(1e6);
    // declared as the 50 MB it is, it passes a 60 MB limit and fails a 40 MB one from the directory
    const limits = { maxTotalBytes: 60e6, maxPartBytes: 60e6, maxParts: 100 };
    fs.writeFileSync(file("b.xlsx"), bomb);
    expect(
      readWorkbookFile(file("b.xlsx"), limits)
        .sheets()
        .map((s) => s.name),
    ).toEqual(["Calc"]);
    expect(await reason("b40.xlsx", bomb, { ...limits, maxPartBytes: 40e6 })).toMatch(
      /^refused: its part xl\/media\/zeros\.bin/,
    );
    // declared as 1 KB, it is stopped at 1 KB of output, under any limit
    const lying = declareSizes(bomb, (n) => n === "xl/media/zeros.bin", 1000);
    expect(await reason("lying.xlsx", lying, limits)).toBe(
      "the file is damaged (its part xl/media/zeros.bin inflates to more than the 1000 bytes it declares)",
    );
  });
});

describe("ZIP64 sizes and directories", () => {
  const data = Buffer.from("<workbook/>");

  test("a ZIP64 directory and ZIP64 sizes are read; true sizes pass, a declared 5 GB part is refused", () => {
    for (const zip64End of [false, true]) {
      const honest = rawZip([{ name: "xl/workbook.xml", data, zip64: true }], { zip64End });
      const parts = readZipDirectory(honest, WORKBOOK_LIMITS);
      expect(parts.map((p) => [p.name, p.uncompressedSize, p.compressedSize])).toEqual([
        ["xl/workbook.xml", data.length, data.length],
      ]);
      expect(() => checkInflatedSizes(honest, parts)).not.toThrow();
      const huge = rawZip([{ name: "xl/workbook.xml", data, zip64: true, declared: 5e9 }], { zip64End });
      expect(() => readZipDirectory(huge, WORKBOOK_LIMITS)).toThrow(
        "its part xl/workbook.xml would inflate to 5 GB, over the limit of 256 MB a part",
      );
    }
  });

  test("a stored part whose data is not the size it declares is damaged", () => {
    const short = rawZip([{ name: "xl/workbook.xml", data, declared: data.length + 1 }]);
    expect(() => checkInflatedSizes(short, readZipDirectory(short, WORKBOOK_LIMITS))).toThrow(
      "its part xl/workbook.xml does not have the size it declares",
    );
  });
});

describe("writing a workbook file atomically", () => {
  test("a new file is written, an existing one replaced with its permissions kept, no temporary file left", () => {
    const out = file("atomic/new.xlsx");
    expect(writeFileAtomically(out, Buffer.from("first"))).toBe(out);
    expect(fs.readFileSync(out, "utf8")).toBe("first");
    fs.chmodSync(out, 0o640);
    writeFileAtomically(out, Buffer.from("second"));
    expect(fs.readFileSync(out, "utf8")).toBe("second");
    expect(fs.statSync(out).mode & 0o777).toBe(0o640);
    expect(fs.readdirSync(path.dirname(out))).toEqual(["new.xlsx"]);
  });

  test("a write that fails part-way (a full disk) leaves the previous file intact and removes the temporary one", () => {
    const out = file("full/out.xlsx");
    fs.mkdirSync(path.dirname(out));
    fs.writeFileSync(out, "the analyst's only good copy");
    const data = Buffer.alloc(1 << 20, 7);
    let wrote = 0;
    const fullDisk = (fd: number, bytes: Uint8Array) => {
      wrote = fs.writeSync(fd, bytes, 0, bytes.length >> 1);
      throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
    };
    const e = caught(() => writeFileAtomically(out, data, fullDisk));
    expect(wrote).toBe(data.length >> 1);
    expect(e).toBeInstanceOf(WorkbookFileError);
    expect(e.action).toBe("write");
    expect(e.message).toBe(`${out}: the disk is full; ${out} is as it was`);
    expect(fs.readFileSync(out, "utf8")).toBe("the analyst's only good copy");
    expect(fs.readdirSync(path.dirname(out))).toEqual(["out.xlsx"]);

    const fresh = file("full/fresh.xlsx");
    expect(caught(() => writeFileAtomically(fresh, data, fullDisk)).reason).toBe(
      "the disk is full; nothing was written",
    );
    expect(fs.readdirSync(path.dirname(out))).toEqual(["out.xlsx"]);
  });

  test("a symbolic link is followed: the file it names is replaced and the link stays", () => {
    fs.mkdirSync(file("link"));
    fs.writeFileSync(file("link/real.xlsx"), "old");
    fs.symlinkSync("real.xlsx", file("link/alias.xlsx"));
    writeFileAtomically(file("link/alias.xlsx"), Buffer.from("new"), writeAll);
    expect(fs.lstatSync(file("link/alias.xlsx")).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(file("link/real.xlsx"), "utf8")).toBe("new");
  });

  test("a folder is not replaced", () => {
    fs.mkdirSync(file("folder.xlsx"));
    expect(caught(() => writeFileAtomically(file("folder.xlsx"), Buffer.from("x"))).reason).toBe("is a directory");
  });
});

test("sameFile: the same path, a symbolic link, a hard link; not a copy, not a missing file", () => {
  fs.mkdirSync(file("same"));
  const a = file("same/a.xlsx");
  fs.writeFileSync(a, "a");
  fs.symlinkSync(a, file("same/sym.xlsx"));
  fs.linkSync(a, file("same/hard.xlsx"));
  fs.copyFileSync(a, file("same/copy.xlsx"));
  expect(sameFile(a, path.join(dir, "same", ".", "a.xlsx"))).toBe(true);
  expect(sameFile(a, file("same/sym.xlsx"))).toBe(true);
  expect(sameFile(a, file("same/hard.xlsx"))).toBe(true);
  expect(sameFile(a, file("same/copy.xlsx"))).toBe(false);
  expect(sameFile(a, file("same/none.xlsx"))).toBe(false);
});
