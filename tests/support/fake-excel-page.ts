/**
 * The stand-in as one page script, for browser tests: its modules compiled to CommonJS and linked by a small
 * require, ending with the stand-in's exports in `exports` (as fake-excel.ts's own compiled output would leave them).
 */
import fs from "fs";
import path from "path";

const MODULES = ["excel-workbook", "excel-protocol", "fake-excel"];

export function fakeExcelPageScript(): string {
  const ts = require("typescript") as typeof import("typescript");
  const compiled = MODULES.map((name) => {
    const source = fs.readFileSync(path.join(__dirname, `${name}.ts`), "utf8");
    const js = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 },
    }).outputText;
    return `${JSON.stringify(`./${name}`)}: function (exports, require) {\n${js}\n}`;
  });
  return `
var __fakeExcelModules = { ${compiled.join(",\n")} };
var __fakeExcelLoaded = {};
function __fakeExcelRequire(name) {
  if (!__fakeExcelLoaded[name]) { __fakeExcelLoaded[name] = {}; __fakeExcelModules[name](__fakeExcelLoaded[name], __fakeExcelRequire); }
  return __fakeExcelLoaded[name];
}
Object.assign(exports, __fakeExcelRequire("./fake-excel"));`;
}
