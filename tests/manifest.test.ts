/**
 * The manifest's structure, checked offline (the online validator is `npm run validate`).
 * Runs on the source manifest and on the built ones, for localhost and for a production URL.
 */
import fs from "fs";
import path from "path";
import { DOMParser } from "@xmldom/xmldom";

const ROOT = path.resolve(__dirname, "..");
const { manifestFor, DEV_BASE_URL } = require(path.join(ROOT, "webpack.config.js"));

type El = { getAttribute(n: string): string | null; textContent: string | null; getElementsByTagName(n: string): any };

function parse(xml: string): Document {
  const errors: string[] = [];
  let doc: unknown;
  try {
    doc = new DOMParser({ onError: (level: string, msg: string) => { if (level !== "warning") errors.push(msg); } }).parseFromString(xml, "text/xml");
  } catch (e) {
    errors.push(String(e));
  }
  if (errors.length) throw new Error(`manifest is not well-formed XML: ${errors.join("; ")}`);
  return doc as Document;
}

const all = (doc: Document, tag: string): El[] => Array.from(doc.getElementsByTagName(tag) as any);

function checkManifest(xml: string, baseUrl: string): void {
  const doc = parse(xml);
  const root = doc.documentElement;
  expect(root.nodeName).toBe("OfficeApp");
  expect(root.getAttribute("xsi:type")).toBe("TaskPaneApp");
  expect(all(doc, "Id")[0].textContent).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  expect(all(doc, "Permissions")[0].textContent).toBe("ReadWriteDocument");
  expect(all(doc, "Host").map((h) => h.getAttribute("Name") ?? h.getAttribute("xsi:type"))).toEqual(["Workbook", "Workbook"]);
  const sets = all(doc, "Set").map((s) => `${s.getAttribute("Name")} ${s.getAttribute("MinVersion")}`);
  expect(sets).toContain("SharedRuntime 1.1");

  // resources by id
  const urls = new Map(all(doc, "bt:Url").map((u) => [u.getAttribute("id")!, u.getAttribute("DefaultValue")!]));
  const images = new Map(all(doc, "bt:Image").filter((i) => i.getAttribute("id")).map((u) => [u.getAttribute("id")!, u.getAttribute("DefaultValue")!]));
  const strings = new Map(all(doc, "bt:String").map((u) => [u.getAttribute("id")!, u.getAttribute("DefaultValue")!]));
  const known = new Set([...urls.keys(), ...images.keys(), ...strings.keys()]);

  // every resid refers to a resource
  const refs = Array.from(xml.matchAll(/resid="([^"]+)"/g)).map((m) => m[1]);
  expect(refs.length).toBeGreaterThan(10);
  for (const r of refs) expect(known).toContain(r);

  // shared runtime: Runtime, custom functions Page, FunctionFile and ShowTaskpane use one resid
  const runtime = all(doc, "Runtime")[0];
  expect(runtime.getAttribute("lifetime")).toBe("long");
  const shared = runtime.getAttribute("resid");
  const page = all(doc, "Page")[0].getElementsByTagName("SourceLocation")[0].getAttribute("resid");
  const functionFile = all(doc, "FunctionFile")[0].getAttribute("resid");
  const showTaskpane = all(doc, "Action").find((a) => a.getAttribute("xsi:type") === "ShowTaskpane")!;
  const taskpane = showTaskpane.getElementsByTagName("SourceLocation")[0].getAttribute("resid");
  expect([page, functionFile, taskpane]).toEqual([shared, shared, shared]);

  // custom functions in namespace IOMT, with script and metadata
  const namespace = all(doc, "Namespace")[0].getAttribute("resid")!;
  expect(strings.get(namespace)).toBe("IOMT");
  expect(urls.get("Functions.Script.Url")).toBe(`${baseUrl}/functions.js`);
  expect(urls.get("Functions.Metadata.Url")).toBe(`${baseUrl}/functions.json`);
  expect(urls.get(shared!)).toBe(`${baseUrl}/taskpane.html`);

  // a ribbon button opens the pane; the refresh button runs a function in the shared runtime
  expect(all(doc, "Action").map((a) => a.getAttribute("xsi:type")).sort()).toEqual(["ExecuteFunction", "ShowTaskpane"]);
  expect(all(doc, "FunctionName")[0].textContent).toBe("refreshTables");

  // https only, every URL on the add-in's own host, icons exist in assets/
  const everyUrl = Array.from(xml.matchAll(/DefaultValue="(https?:\/\/[^"]+)"|<AppDomain>([^<]+)</g)).map((m) => m[1] ?? m[2]);
  for (const u of everyUrl) {
    expect(u.startsWith("https://")).toBe(true);
    expect(u.startsWith(baseUrl)).toBe(true);
  }
  for (const u of everyUrl.filter((x) => x.endsWith(".png"))) {
    expect(fs.existsSync(path.join(ROOT, "assets", path.basename(u)))).toBe(true);
  }
}

describe("manifest", () => {
  const source = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");

  test("the development manifest is well-formed and complete", () => checkManifest(source, DEV_BASE_URL));

  test("the production manifest is generated from it with another base URL", () => {
    const prod = manifestFor(source, "https://addins.example.org/iomt");
    expect(prod).not.toContain("localhost");
    checkManifest(prod, "https://addins.example.org/iomt");
  });

  test("a broken resid is caught", () => {
    expect(() => checkManifest(source.replace('<FunctionFile resid="Shared.Url"/>', '<FunctionFile resid="Other.Url"/>'), DEV_BASE_URL)).toThrow();
  });

  test("malformed XML is caught", () => {
    expect(() => parse(source.replace("</OfficeApp>", ""))).toThrow(/well-formed/);
  });

  test("the built manifest is the source one", () => {
    const built = path.join(ROOT, "dist", "manifest.xml");
    expect(fs.existsSync(built)).toBe(true);
    checkManifest(fs.readFileSync(built, "utf8"), DEV_BASE_URL);
  });
});
