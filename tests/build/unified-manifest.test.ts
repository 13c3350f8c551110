/**
 * The unified manifest (dist/manifest.json) and the app package (needs dist/): valid against the JSON schema of its
 * manifestVersion as shipped in @microsoft/app-manifest (offline), and derived from manifest.xml so that id,
 * version, names, icons and URLs cannot drift.
 */
import { spawnSync } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";
import zlib from "zlib";
import JSZip from "jszip";

const ROOT = path.resolve(__dirname, "..", "..");
const DIST = path.join(ROOT, "dist");
const { manifestFor, APP_PACKAGE } = require("../../webpack.config.js");
const { unifiedManifest, MANIFEST_VERSION, PACKAGE_ICONS } = require("../../scripts/unified-manifest.js");

const SOURCE_XML = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
const PRODUCTION = "https://addins.example.org/iomt";

/**
 * Schema errors of a manifest, from scripts/validate-unified-manifest.js (the package's validator, in Node: its
 * dependencies are ES modules, which Jest's runtime cannot require).
 */
function validate(manifest: unknown): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "iomt-manifest-"));
  const file = path.join(dir, "manifest.json");
  fs.writeFileSync(file, JSON.stringify(manifest));
  try {
    const run = spawnSync(process.execPath, [path.join(ROOT, "scripts", "validate-unified-manifest.js"), file], {
      encoding: "utf8",
    });
    if (run.status === 2 || !run.stdout) throw new Error(`the validator did not run: ${run.stderr}`);
    const { errors } = JSON.parse(run.stdout);
    expect(run.status).toBe(errors.length ? 1 : 0);
    return errors;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** An add-in only manifest's resource URL by id. */
function xmlUrl(xml: string, id: string): string {
  const m = new RegExp(`<bt:Url id="${id.replace(".", "\\.")}" DefaultValue="([^"]+)"`).exec(xml);
  if (!m) throw new Error(`no bt:Url ${id}`);
  return m[1];
}

function pngSize(png: Buffer): [number, number] {
  expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

/** The RGBA pixels of one of the project's icons (8-bit RGBA, filter 0 on every row, as scripts/make-icons.js writes). */
function pixels(png: Buffer): number[][] {
  const [w, h] = pngSize(png);
  const idat = png.indexOf("IDAT");
  const raw = zlib.inflateSync(png.subarray(idat + 4, idat + png.readUInt32BE(idat - 4) + 4));
  const out: number[][] = [];
  for (let y = 0; y < h; y++) {
    expect(raw[y * (w * 4 + 1)]).toBe(0);
    for (let x = 0; x < w; x++) out.push(Array.from(raw.subarray(y * (w * 4 + 1) + 1 + x * 4, y * (w * 4 + 1) + 5 + x * 4)));
  }
  return out;
}

describe("dist/manifest.json", () => {
  const built = JSON.parse(fs.readFileSync(path.join(DIST, "manifest.json"), "utf8"));
  const builtXml = fs.readFileSync(path.join(DIST, "manifest.xml"), "utf8");

  test("is valid against the JSON schema of its manifestVersion from @microsoft/app-manifest", () => {
    expect(built.manifestVersion).toBe(MANIFEST_VERSION);
    expect(built.$schema).toBe(
      `https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`,
    );
    expect(validate(built)).toEqual([]);
    expect(validate({ ...built, manifestVersion: "1.99" })).toEqual([
      "@microsoft/app-manifest ships no schema for manifestVersion 1.99",
    ]);
  });

  test("the validator refuses what the schema forbids (so passing it means something)", () => {
    const broken = JSON.parse(JSON.stringify(built));
    broken.extensions[0].runtimes[0].lifetime = "forever";
    delete broken.developer;
    const errors = validate(broken);
    expect(errors.join("\n")).toMatch(/lifetime|allowed values/i);
    expect(errors.join("\n")).toMatch(/developer/);
  });

  test("is what the build derives from the production manifest.xml it writes next to it", () => {
    expect(built).toEqual(unifiedManifest(builtXml));
    expect(builtXml).toBe(manifestFor(SOURCE_XML, "https://localhost:3000"));
  });

  test("one long-lived shared runtime for the pane, the ribbon's command and the custom functions in IOMT", () => {
    const [extension] = built.extensions;
    expect(extension.requirements.scopes).toEqual(["workbook"]);
    expect(extension.requirements.capabilities).toContainEqual({ name: "SharedRuntime", minVersion: "1.1" });
    expect(extension.runtimes).toHaveLength(1);
    const [runtime] = extension.runtimes;
    expect(runtime).toMatchObject({ type: "general", lifetime: "long" });
    expect(runtime.code).toEqual({
      page: xmlUrl(builtXml, "Shared.Url"),
      script: xmlUrl(builtXml, "Functions.Script.Url"),
    });
    expect(runtime.customFunctions).toEqual({
      namespace: { id: "IOMT", name: "IOMT" },
      metadataUrl: xmlUrl(builtXml, "Functions.Metadata.Url"),
    });
    // the ribbon's button and menu items run this runtime's actions: the pane and the two refresh commands it registers
    expect(runtime.actions.map((a: any) => [a.id, a.type])).toEqual([
      ["ShowTaskpane", "openPage"],
      ["refreshTables", "executeFunction"],
      ["refreshSelection", "executeFunction"],
    ]);
    const controls = extension.ribbons.flatMap((r: any) => r.tabs.flatMap((t: any) => t.groups[0].controls));
    expect(controls.map((c: any) => c.type)).toEqual(["button", "menu"]);
    const commands = controls.flatMap((c: any) => c.items ?? [c]);
    expect(commands.map((c: any) => c.actionId)).toEqual(runtime.actions.map((a: any) => a.id));
    expect(controls[1].items.map((i: any) => [i.type, i.label])).toEqual([
      ["menuItem", "All IoMT tables"],
      ["menuItem", "The table at the selection"],
    ]);
    // each command has its own icon
    const icon32 = (c: any) => c.icons.find((i: any) => i.size === 32).url;
    expect(new Set(commands.map(icon32)).size).toBe(commands.length);
    expect(extension.ribbons[0].tabs[0].builtInTabId).toBe("TabData");
  });

  test("id, version, names, icons and URLs are manifest.xml's", () => {
    const tag = (name: string) => new RegExp(`<${name}>([^<]+)</${name}>`).exec(builtXml)![1];
    const attr = (name: string) => new RegExp(`<${name} DefaultValue="([^"]+)"`).exec(builtXml)![1];
    expect(built.id).toBe(tag("Id"));
    expect(`${built.version}.0`).toBe(tag("Version"));
    expect(built.name).toEqual({ short: attr("DisplayName"), full: attr("DisplayName") });
    expect(built.description.full).toBe(attr("Description"));
    expect(built.developer.name).toBe(tag("ProviderName"));
    expect(built.developer.websiteUrl).toBe(attr("SupportUrl"));
    expect(built.extensions[0].alternates[0].alternateIcons).toEqual({
      icon: { size: 32, url: attr("IconUrl") },
      highResolutionIcon: { size: 64, url: attr("HighResolutionIconUrl") },
    });
    expect(built.extensions[0].getStartedMessages[0].learnMoreUrl).toBe(xmlUrl(builtXml, "GetStarted.LearnMoreUrl"));
    expect(built.authorization.permissions.resourceSpecific).toEqual([
      { name: "Document.ReadWrite.User", type: "Delegated" },
    ]);
  });

  test("for a production host every URL moves with manifest.xml's and the manifest stays valid", () => {
    const xml = manifestFor(SOURCE_XML, PRODUCTION);
    const manifest = unifiedManifest(xml);
    expect(validate(manifest)).toEqual([]);
    const text = JSON.stringify(manifest);
    expect(text).not.toContain("localhost");
    const urls = Array.from(text.matchAll(/"(https:[^"]+)"/g), (m) => m[1]);
    expect(urls.length).toBeGreaterThan(10);
    for (const url of urls) expect(url.startsWith(`${PRODUCTION}/`) || url.startsWith("https://developer.microsoft.com/")).toBe(true);
  });

  test("a change to manifest.xml's id, version or name reaches manifest.json; a version it cannot carry stops", () => {
    const changed = SOURCE_XML.replace(/<Id>[^<]+<\/Id>/, "<Id>0b8e2a52-3c9d-4a5e-8f61-7d2c9e4b1a30</Id>")
      .replace("<Version>1.0.0.0</Version>", "<Version>2.3.4.0</Version>")
      .replace('<DisplayName DefaultValue="IoMT Market"/>', '<DisplayName DefaultValue="IoMT Markets"/>');
    const manifest = unifiedManifest(changed);
    expect([manifest.id, manifest.version, manifest.name.short]).toEqual([
      "0b8e2a52-3c9d-4a5e-8f61-7d2c9e4b1a30",
      "2.3.4",
      "IoMT Markets",
    ]);
    expect(() => unifiedManifest(SOURCE_XML.replace("<Version>1.0.0.0</Version>", "<Version>1.0.0.7</Version>"))).toThrow(
      /fourth number other than 0/,
    );
    expect(() => unifiedManifest(SOURCE_XML.replace('lifetime="long"', 'lifetime="long"><x'))).toThrow(/well-formed/);
  });
});

describe("the app package", () => {
  test("holds manifest.json and its two icons, as the Microsoft 365 admin center takes it", async () => {
    const zip = await JSZip.loadAsync(fs.readFileSync(path.join(DIST, APP_PACKAGE)));
    const names = Object.keys(zip.files).sort();
    expect(names).toEqual(["manifest.json", PACKAGE_ICONS.color, PACKAGE_ICONS.outline].sort());
    const manifest = JSON.parse(await zip.file("manifest.json")!.async("string"));
    expect(manifest).toEqual(JSON.parse(fs.readFileSync(path.join(DIST, "manifest.json"), "utf8")));
    expect(manifest.icons).toEqual({ color: PACKAGE_ICONS.color, outline: PACKAGE_ICONS.outline });

    const color = await zip.file(manifest.icons.color)!.async("nodebuffer");
    const outline = await zip.file(manifest.icons.outline)!.async("nodebuffer");
    expect(pngSize(color)).toEqual([192, 192]);
    expect(pngSize(outline)).toEqual([32, 32]);
    // the outline icon is white on transparent (Microsoft's requirement for it)
    const outlinePixels = pixels(outline);
    expect(outlinePixels.every(([r, g, b, a]) => a === 0 || (r === 255 && g === 255 && b === 255))).toBe(true);
    expect(outlinePixels.some(([, , , a]) => a === 255)).toBe(true);
    expect(outlinePixels.some(([, , , a]) => a === 0)).toBe(true);
  });
});
