/**
 * `npm run portable` and the files it is given: OUT = IN is refused (also through a symbolic or hard link) and
 * the input stays byte for byte as it was; --in-place replaces IN atomically; unreadable input gets a message
 * that names the file and says what is wrong, exits non-zero and prints no result line.
 */
import { spawnSync } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";
import ExcelJS from "exceljs";
import { declareSizes, withPart } from "../support/zip-bytes";

const SCRIPT = path.resolve(__dirname, "..", "..", "scripts", "portable.js");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "iomt-portable-files-"));
const file = (name: string) => path.join(dir, name);

function run(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [SCRIPT, ...args], { encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A failure: non-zero exit, the message on stderr, no result on stdout and no JavaScript error or stack. */
function expectRefused(r: ReturnType<typeof run>, message: string | RegExp): void {
  expect(r.status).not.toBe(0);
  expect(r.stderr).toMatch(message);
  expect(r.stdout).not.toMatch(/Wrote|Made|Restored/);
  expect(r.stderr).not.toMatch(/Error:|TypeError|\n\s+at /);
}

async function workbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Calc");
  ws.getCell("A1").value = { formula: "IOMT.CAGR(100,200,5)" } as ExcelJS.CellFormulaValue;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const formulaIn = async (name: string) => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file(name));
  return wb.getWorksheet("Calc")!.getCell("A1").formula;
};

test("OUT = IN is refused, by path, through a symbolic link and a hard link; IN stays byte for byte", async () => {
  const bytes = await workbook();
  fs.writeFileSync(file("in.xlsx"), bytes);
  fs.symlinkSync(file("in.xlsx"), file("alias.xlsx"));
  fs.linkSync(file("in.xlsx"), file("hard.xlsx"));
  for (const out of [file("in.xlsx"), path.join(dir, ".", "in.xlsx"), file("alias.xlsx"), file("hard.xlsx")]) {
    expectRefused(run(file("in.xlsx"), out), /OUT is the same file as IN .*--in-place/);
  }
  expectRefused(run("--restore", file("in.xlsx"), file("alias.xlsx")), /OUT is the same file as IN/);
  expect(fs.readFileSync(file("in.xlsx")).equals(bytes)).toBe(true);
  expect(fs.readdirSync(dir).sort()).toEqual(["alias.xlsx", "hard.xlsx", "in.xlsx"]);
});

test("--in-place converts IN itself (OUT left out or IN again), atomically, and restores it", async () => {
  fs.writeFileSync(file("place.xlsx"), await workbook());
  const r = run("--in-place", file("place.xlsx"));
  expect(r.status).toBe(0);
  expect(r.stdout).toMatch(/Made 1 formula\(s\) portable.*\nWrote .*place\.xlsx/);
  expect(await formulaIn("place.xlsx")).toBe("_xlfn.RRI(5,100,200)");
  expect(run("--restore", "--in-place", file("place.xlsx"), file("place.xlsx")).stdout).toContain(
    "Restored 1 IOMT formula(s).",
  );
  expect(await formulaIn("place.xlsx")).toBe("IOMT.CAGR(100,200,5)");
  expect(fs.readdirSync(dir).filter((f) => f.includes("place"))).toEqual(["place.xlsx"]);
  // --in-place with another OUT is a contradiction, not a guess
  expectRefused(run("--in-place", file("place.xlsx"), file("other.xlsx")), /--in-place rewrites IN itself/);
  expect(fs.existsSync(file("other.xlsx"))).toBe(false);
});

test("unreadable input: each gets its message naming the file, a non-zero exit and no result line", async () => {
  const good = await workbook();
  fs.writeFileSync(file("notes.xlsx"), "Region,2029\nUSA,1\n");
  fs.writeFileSync(file("cut.xlsx"), good.subarray(0, good.length >> 1));
  const bomb = await withPart(good, "xl/media/image1.png", Buffer.alloc(1000));
  fs.writeFileSync(
    file("bomb.xlsx"),
    declareSizes(bomb, () => true, 200e6),
  );
  fs.writeFileSync(file("docs.zip.xlsx"), await withPart(Buffer.from(good), "xl/workbook.xml", "<<<"));
  fs.mkdirSync(file("folder.xlsx"));
  const cases: Array<[string, RegExp]> = [
    ["notes.xlsx", /^Cannot read .*notes\.xlsx: not an \.xlsx workbook/],
    ["cut.xlsx", /^Cannot read .*cut\.xlsx: the file is damaged/],
    ["bomb.xlsx", /^Cannot read .*bomb\.xlsx: refused: it would inflate to at least 1\.\d GB, over the limit of 1 GB/],
    ["docs.zip.xlsx", /^Cannot read .*docs\.zip\.xlsx: the file is damaged/],
    ["absent.xlsx", /^Cannot read .*absent\.xlsx: not found/],
    ["folder.xlsx", /^Cannot read .*folder\.xlsx: is a directory/],
  ];
  expectRefused(run("--restore", file("cut.xlsx"), file("out-cut.xlsx")), cases[1][1]);
  for (const [name, message] of cases) {
    expectRefused(run(file(name), file(`out-${name}`)), message);
    expect(fs.existsSync(file(`out-${name}`))).toBe(false);
  }
});

test("an OUT that cannot be written (a folder, a path through a file): the message and no result line", async () => {
  fs.writeFileSync(file("src.xlsx"), await workbook());
  fs.mkdirSync(file("taken.xlsx"));
  expectRefused(run(file("src.xlsx"), file("taken.xlsx")), /^Cannot write .*taken\.xlsx: is a directory/);
  fs.writeFileSync(file("blocker"), "a file where a folder should be");
  expectRefused(
    run(file("src.xlsx"), file("blocker/out.xlsx")),
    /^Cannot write .*blocker\/out\.xlsx: .*nothing was written/,
  );
  expect(fs.readFileSync(file("blocker"), "utf8")).toBe("a file where a folder should be");
});
