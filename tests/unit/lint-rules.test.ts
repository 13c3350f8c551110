/**
 * The import rules of `npm run lint` fire: ESLint's layer and folder rules (eslint.config.js) on small snippets
 * linted as if they were files of the project, and the cycle check (scripts/check-imports.js) on a small tree.
 */
import fs from "fs";
import os from "os";
import path from "path";
import { execFileSync } from "child_process";

const ROOT = path.resolve(__dirname, "../..");
const { findCycles, importProblems } = require("../../scripts/check-imports.js");

/** Lints each snippet as the file it names, in one Node process outside Jest (ESLint loads its config and its ESM
 * plugins by dynamic import, which Jest's module runtime lacks); answers the import rules' messages per snippet. */
function lintSnippets(snippets: ReadonlyArray<{ file: string; code: string }>): string[][] {
  const program = `
    const { ESLint } = require("eslint");
    const path = require("path");
    const snippets = JSON.parse(require("fs").readFileSync(0, "utf8"));
    const eslint = new ESLint({ cwd: process.cwd() });
    const rules = new Set(["no-restricted-imports", "no-restricted-syntax"]);
    Promise.all(snippets.map(async (s) => {
      const [result] = await eslint.lintText(s.code, { filePath: path.join(process.cwd(), s.file) });
      return result.messages.filter((m) => rules.has(m.ruleId)).map((m) => m.message);
    })).then((all) => process.stdout.write(JSON.stringify(all)));`;
  const out = execFileSync(process.execPath, ["-e", program], { cwd: ROOT, input: JSON.stringify(snippets) });
  return JSON.parse(out.toString("utf8"));
}
/** [what, file, import]: imports that one rule refuses */
const REFUSED: ReadonlyArray<[string, string, string]> = [
  ["an edge reaching a file inside a core folder", "src/excel/x.ts", "../core/plan/plan"],
  ["an edge reaching a table builder", "src/taskpane/x.ts", "../core/plan/tables/segments"],
  ["a test reaching a file inside a core folder", "tests/x.test.ts", "../src/core/excel/a1"],
  ["a core folder reaching a file of another", "src/core/refresh/x.ts", "../plan/sections"],
  ["a table builder reaching a file of another core folder", "src/core/plan/tables/x.ts", "../../excel/a1"],
  ["the core importing an edge", "src/core/refresh/x.ts", "../../excel/requests"],
  ["a table builder importing an edge", "src/core/plan/tables/x.ts", "../../../taskpane/taskpane"],
  ["core/excel importing a higher core folder", "src/core/excel/x.ts", "../plan"],
  ["core/functions importing core/plan", "src/core/functions/x.ts", "../plan"],
  ["core/estimates importing core/functions", "src/core/estimates/x.ts", "../functions"],
  ["core/estimates importing core/excel", "src/core/estimates/x.ts", "../excel"],
  ["core/plan importing core/refresh", "src/core/plan/x.ts", "../refresh"],
  ["a table builder importing core/refresh", "src/core/plan/tables/x.ts", "../../refresh"],
  ["core/portable importing core/refresh", "src/core/portable/x.ts", "../refresh"],
  ["core/portable importing core/trace", "src/core/portable/x.ts", "../trace"],
  ["core/trace importing core/refresh", "src/core/trace/x.ts", "../refresh"],
  ["an edge reaching a file inside core/trace", "src/taskpane/x.ts", "../core/trace/table-cell"],
  ["the functions' edge importing the plan", "src/functions/x.ts", "../core/plan"],
  ["the functions' edge importing refresh", "src/functions/x.ts", "../core/refresh"],
  ["the functions' edge importing another edge", "src/functions/x.ts", "../excel/workbook"],
  ["the data importing the core", "src/data/x.ts", "../core/functions"],
  ["lib importing the data", "src/lib/x.ts", "../data/schema"],
];
/** [what, file, import]: imports no rule refuses */
const ALLOWED: ReadonlyArray<[string, string, string]> = [
  ["an edge importing a core folder", "src/excel/x.ts", "../core/plan"],
  ["a test importing a core folder", "tests/x.test.ts", "../src/core/refresh"],
  ["a file of a core folder importing its neighbour", "src/core/refresh/x.ts", "./edition"],
  ["core/refresh importing a lower folder", "src/core/refresh/x.ts", "../plan"],
  ["core/trace importing core/portable", "src/core/trace/x.ts", "../portable"],
  ["core/functions importing core/estimates", "src/core/functions/x.ts", "../estimates"],
  ["a table builder importing core/estimates", "src/core/plan/tables/x.ts", "../../estimates"],
  ["a table builder importing its folder's files", "src/core/plan/tables/x.ts", "../sections"],
  ["a table builder importing a lower folder", "src/core/plan/tables/x.ts", "../../functions"],
  ["the core importing the data", "src/core/plan/x.ts", "../../data/schema"],
  ["the functions' edge importing core/functions", "src/functions/x.ts", "../core/functions"],
];
const importing = (spec: string): string => `import { x } from "${spec}";\nexport const y = x;\n`;
const requiring = (spec: string): string => `const { x } = require("${spec}");\nmodule.exports = x;\n`;
const SCRIPTS: ReadonlyArray<[string, string]> = [
  ["scripts/x.js", requiring("../src/core/plan/plan.ts")],
  ["scripts/x.js", requiring("../src/core/plan")],
];

describe("ESLint: the layers and the core's folders", () => {
  let messages: string[][] = [];
  beforeAll(() => {
    messages = lintSnippets([
      ...[...REFUSED, ...ALLOWED].map(([, file, spec]) => ({ file, code: importing(spec) })),
      ...SCRIPTS.map(([file, code]) => ({ file, code })),
    ]);
  });

  test.each(REFUSED.map((c, i) => [...c, i] as const))("fires on %s", (_what, _file, _spec, i) => {
    expect(messages[i]).toHaveLength(1);
  });

  test.each(ALLOWED.map((c, i) => [...c, REFUSED.length + i] as const))("lets pass %s", (_what, _file, _spec, i) => {
    expect(messages[i]).toEqual([]);
  });

  test("a script requiring a file inside a core folder is refused; the folder is not", () => {
    const at = REFUSED.length + ALLOWED.length;
    expect(messages[at]).toHaveLength(1);
    expect(messages[at + 1]).toEqual([]);
  });
});

describe("scripts/check-imports.js", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "imports-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (file: string, text: string): void => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  };

  test("finds a cycle through three files, type-only imports and a folder's index included", () => {
    write("src/core/plan/index.ts", 'export * from "./plan";\n');
    write("src/core/plan/plan.ts", 'import { layOut } from "./layout";\nexport const plan = layOut;\n');
    write(
      "src/core/plan/layout.ts",
      'import type { Stamp } from "../refresh";\nexport const layOut = (s: Stamp) => s;\n',
    );
    write("src/core/refresh/index.ts", 'export * from "./edition";\n');
    write("src/core/refresh/edition.ts", 'import type { plan } from "../plan";\nexport type Stamp = typeof plan;\n');
    write("src/lib/leaf.ts", "export const leaf = 1;\n");
    const problems: string[] = importProblems(path.join(dir, "src"));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^import cycle: /);
    const cycle = problems[0].replace("import cycle: ", "").split(" -> ");
    expect(cycle[0]).toBe(cycle[cycle.length - 1]);
    expect(new Set(cycle)).toEqual(
      new Set([
        "src/core/plan/index.ts",
        "src/core/plan/plan.ts",
        "src/core/plan/layout.ts",
        "src/core/refresh/index.ts",
        "src/core/refresh/edition.ts",
      ]),
    );
  });

  test("finds a file importing itself", () => {
    write("src/lib/self.ts", 'import { a } from "./self";\nexport const b = a;\nexport const a = 1;\n');
    expect(importProblems(path.join(dir, "src"))).toEqual(["import cycle: src/lib/self.ts -> src/lib/self.ts"]);
  });

  test("refuses a core folder's index.ts that does more than re-export", () => {
    write("src/core/excel/a1.ts", "export const a = 1;\n");
    write("src/core/excel/index.ts", 'export * from "./a1";\nexport const b = 2;\n');
    expect(importProblems(path.join(dir, "src"))).toEqual([
      "src/core/excel/index.ts does more than re-export: export const b = 2;",
    ]);
  });

  test("a chain of 100,000 imports without a cycle passes (iterative: no recursion depth to run out of)", () => {
    const graph = new Map<string, string[]>();
    for (let i = 0; i < 100_000; i++) graph.set(`m${i}`, i + 1 < 100_000 ? [`m${i + 1}`] : []);
    expect(findCycles(graph)).toEqual([]);
    graph.set("m99999", ["m0"]);
    expect(findCycles(graph).map((c: string[]) => c.length)).toEqual([100_001]);
  });

  test("the project's src/ has no cycle, and its core indexes only re-export", () => {
    expect(importProblems(path.join(ROOT, "src"))).toEqual([]);
  });
});
