/**
 * dist/ and dist-offline/ carry THIRD-PARTY-NOTICES.txt, written by the build (scripts/third-party-notices.js):
 * every npm package whose code a build carries, with its version, licence and licence text. The list is checked
 * against webpack's own account of the modules in a fresh build, not against the plugin's.
 */
import fs from "fs";
import os from "os";
import path from "path";
import webpack from "webpack";

const ROOT = path.resolve(__dirname, "..", "..");
const { packageDir } = require("../../scripts/third-party-notices.js");
const makeConfig = require("../../webpack.config.js");

const notices = (dir: string) => fs.readFileSync(path.join(dir, "THIRD-PARTY-NOTICES.txt"), "utf8");
/** The packages a notices file lists in its head, as "name version (licence)". */
const listed = (text: string) =>
  Array.from(text.split("\n\n")[1]?.matchAll(/^ {2}(\S+) (\S+) \((.+)\)$/gm) ?? [], (m) => m[1]);
const pkg = (name: string) =>
  JSON.parse(fs.readFileSync(path.join(ROOT, "node_modules", name, "package.json"), "utf8"));

/** The npm packages of the modules webpack reports in its chunks (concatenated modules opened up). */
function packagesInStats(stats: webpack.StatsCompilation): string[] {
  const names = new Set<string>();
  const walk = (modules: webpack.StatsModule[] | undefined) => {
    for (const m of modules ?? []) {
      if ((m.chunks ?? []).length > 0 || m.modules === undefined) {
        const at = (m.nameForCondition ?? m.name ?? "").lastIndexOf("node_modules/");
        if (at >= 0) {
          const rest = (m.nameForCondition ?? m.name)!.slice(at + "node_modules/".length).split("/");
          names.add(rest[0].startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]);
        }
      }
      walk(m.modules);
    }
  };
  walk(stats.modules);
  return [...names].sort();
}

test("dist/ names @borgar/fx with its version, licence and licence text; dist-offline/ also office.js's package", () => {
  const fx = pkg("@borgar/fx");
  const fxLicence = fs.readFileSync(path.join(ROOT, "node_modules", "@borgar", "fx", "LICENSE"), "utf8").trim();
  for (const dir of ["dist", "dist-offline"]) {
    const text = notices(path.join(ROOT, dir));
    expect(text).toContain(`  @borgar/fx ${fx.version} (${fx.license})`);
    expect(text).toContain(fxLicence);
  }
  const officeJs = pkg("@microsoft/office-js");
  const offline = notices(path.join(ROOT, "dist-offline"));
  expect(listed(offline)).toEqual(expect.arrayContaining(["@borgar/fx", "@microsoft/office-js"]));
  expect(offline).toContain(`@microsoft/office-js ${officeJs.version}`);
  expect(offline).toContain(
    fs.readFileSync(path.join(ROOT, "node_modules", "@microsoft", "office-js", "LICENSE.md"), "utf8").trim(),
  );
  // dist/ loads office.js from Microsoft's CDN: it does not carry it
  expect(listed(notices(path.join(ROOT, "dist")))).not.toContain("@microsoft/office-js");
});

test("a fresh build lists exactly the packages of the modules webpack bundled", async () => {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "iomt-notices-"));
  const stats = await new Promise<webpack.Stats>((resolve, reject) =>
    webpack(makeConfig({ outDir }, { mode: "production" }), (err, s) => (err || !s ? reject(err) : resolve(s))),
  );
  expect(stats.hasErrors()).toBe(false);
  const bundled = packagesInStats(stats.toJson({ all: false, modules: true, nestedModules: true, chunks: false }));
  expect(bundled).toContain("@borgar/fx");
  const text = notices(outDir);
  expect(listed(text)).toEqual(bundled);
  for (const name of bundled) expect(text).toContain(`\n${name} ${pkg(name).version}\nLicence: `);
  expect(text).toBe(notices(path.join(ROOT, "dist")));
});

test("packageDir: the innermost package, scoped or not", () => {
  const nm = path.join(ROOT, "node_modules");
  expect(packageDir(path.join(nm, "@borgar", "fx", "lib", "index.js"))).toBe(path.join(nm, "@borgar", "fx"));
  expect(packageDir(path.join(nm, "a", "node_modules", "b", "x.js"))).toBe(path.join(nm, "a", "node_modules", "b"));
  expect(packageDir(path.join(ROOT, "src", "core", "a1.ts"))).toBeUndefined();
});
