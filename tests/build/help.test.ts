/**
 * The help page (dist/help.html), where the manifest's SupportUrl and LearnMoreUrl lead: a page of its own that
 * reads well in any browser, naming every function the add-in registers.
 */
import fs from "fs";
import path from "path";
import { DATASET } from "../../src/data";

const DIST = path.resolve(__dirname, "..", "..", "dist");

describe("dist/help.html", () => {
  const html = fs.readFileSync(path.join(DIST, "help.html"), "utf8");
  const text = html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

  test("names every function of functions.json that a cell calls (not the linked cards' load service, which Excel calls)", () => {
    const ids: string[] = JSON.parse(fs.readFileSync(path.join(DIST, "functions.json"), "utf8"))
      .functions.filter((f: { options?: { linkedEntityLoadService?: boolean } }) => !f.options?.linkedEntityLoadService)
      .map((f: { id: string }) => f.id);
    expect(ids.length).toBeGreaterThanOrEqual(12);
    for (const id of ids) expect(text).toContain(`IOMT.${id}(`);
  });

  test("says what the add-in does, what Refresh guarantees and how to get help", () => {
    for (const heading of ["What it does", "Functions", "What Refresh guarantees", "Getting help"])
      expect(text).toContain(heading);
    expect(text).toContain("never changes a cell outside the IoMT tables");
    expect(text).toContain("EINPresswire");
    expect(text).toMatch(/Dataset version \d+\.\d+\.\d+, edition \d{4}-\d{2}-\d{2}/);
  });

  test("its years are the bundled dataset's", () => {
    const { baseYear, forecastYear } = DATASET.info;
    expect(text).toContain(`market sizes for ${baseYear} and ${forecastYear}`);
    expect(text).toContain(`${baseYear + 1} to ${forecastYear - 1} estimated by constant growth`);
    expect(text).toContain(`Growth rate ${baseYear} to ${forecastYear}`);
    expect(text).toContain(`=IOMT.VALUE("USA", ${forecastYear})`);
  });

  test("is not the task pane: no script, nothing about being outside Excel", () => {
    expect(html).not.toMatch(/<script/i);
    expect(text).not.toMatch(/outside Excel/);
    expect(html).not.toContain("<%");
  });

  test("its stylesheet and icon are in the build", () => {
    for (const ref of Array.from(html.matchAll(/(?:href|src)="?([^" >]+)/g)).map((m) => m[1])) {
      expect(fs.existsSync(path.join(DIST, ref))).toBe(true);
    }
  });
});
