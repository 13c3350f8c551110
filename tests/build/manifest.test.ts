/**
 * The manifest's structure, checked offline (the online validator is `npm run validate`).
 * Runs on the source manifest and on the built ones, for localhost and for a production URL.
 */
import { spawnSync } from "child_process";
import fs from "fs";
import path from "path";
import { DOMParser } from "@xmldom/xmldom";

const ROOT = path.resolve(__dirname, "..", "..");
const webpackConfig = require("../../webpack.config.js");
const { manifestFor, addinBaseUrl, DEV_BASE_URL } = webpackConfig;

type El = { getAttribute(n: string): string | null; textContent: string | null; getElementsByTagName(n: string): any };

function parse(xml: string): Document {
  const errors: string[] = [];
  let doc: unknown;
  try {
    doc = new DOMParser({
      onError: (level: string, msg: string) => {
        if (level !== "warning") errors.push(msg);
      },
    }).parseFromString(xml, "text/xml");
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
  expect(all(doc, "Host").map((h) => h.getAttribute("Name") ?? h.getAttribute("xsi:type"))).toEqual([
    "Workbook",
    "Workbook",
  ]);
  const sets = all(doc, "Set").map((s) => `${s.getAttribute("Name")} ${s.getAttribute("MinVersion")}`);
  expect(sets).toContain("SharedRuntime 1.1");

  // resources by id
  const urls = new Map(all(doc, "bt:Url").map((u) => [u.getAttribute("id")!, u.getAttribute("DefaultValue")!]));
  const images = new Map(
    all(doc, "bt:Image")
      .filter((i) => i.getAttribute("id"))
      .map((u) => [u.getAttribute("id")!, u.getAttribute("DefaultValue")!]),
  );
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

  // a ribbon button opens the pane; the Refresh menu's two items run functions in the shared runtime
  expect(
    all(doc, "Action")
      .map((a) => a.getAttribute("xsi:type"))
      .sort(),
  ).toEqual(["ExecuteFunction", "ExecuteFunction", "ShowTaskpane"]);
  expect(all(doc, "FunctionName").map((f) => f.textContent)).toEqual(["refreshTables", "refreshSelection"]);
  // each command its own icon: the pane's button and each menu item name different images
  const commands = [...all(doc, "Control").filter((c) => c.getAttribute("xsi:type") === "Button"), ...all(doc, "Item")];
  const icon32 = (c: El) =>
    (Array.from(c.getElementsByTagName("bt:Image")) as El[])
      .find((i) => i.getAttribute("size") === "32")!
      .getAttribute("resid");
  expect(new Set(commands.map(icon32)).size).toBe(commands.length);

  // Shared runtime (https://learn.microsoft.com/office/dev/add-ins/develop/configure-your-add-in-to-use-a-shared-runtime):
  // "a shared runtime only supports the use of one task pane", and "any task pane without a <TaskpaneID> is
  // considered a different task pane": exactly one ShowTaskpane action, with a TaskpaneId, on the runtime's page.
  const showTaskpanes = all(doc, "Action").filter((a) => a.getAttribute("xsi:type") === "ShowTaskpane");
  expect(showTaskpanes).toHaveLength(1);
  expect(showTaskpanes[0].getElementsByTagName("TaskpaneId")[0]?.textContent).toBe("IoMT.Taskpane");
  expect(all(doc, "SourceLocation")[0].getAttribute("DefaultValue")).toBe(`${baseUrl}/taskpane.html`);

  // SupportUrl and LearnMoreUrl lead to the help page, not to the task pane
  expect(all(doc, "SupportUrl")[0].getAttribute("DefaultValue")).toBe(`${baseUrl}/help.html`);
  const learnMore = all(doc, "LearnMoreUrl")[0].getAttribute("resid")!;
  expect(urls.get(learnMore)).toBe(`${baseUrl}/help.html`);

  // an AppDomain is an origin, never the add-in's own (https://learn.microsoft.com/javascript/api/manifest/appdomain)
  for (const d of all(doc, "AppDomain")) {
    const value = d.textContent!.trim();
    expect(new URL(value).origin).toBe(value);
    expect(value).not.toBe(new URL(baseUrl).origin);
  }

  // https only, every URL on the add-in's own host, icons exist in assets/
  const everyUrl = Array.from(xml.matchAll(/DefaultValue="(https?:\/\/[^"]+)"|<AppDomain>([^<]+)</g)).map(
    (m) => m[1] ?? m[2],
  );
  const appDomains = new Set(all(doc, "AppDomain").map((d) => d.textContent!.trim()));
  for (const u of everyUrl) {
    expect(u.startsWith("https://")).toBe(true);
    if (!appDomains.has(u)) expect(u.startsWith(baseUrl)).toBe(true);
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

  test("the ribbon's Refresh tooltip says what the pane says: cells the analyst changed are kept", () => {
    const strings = parse(source).getElementsByTagName("bt:String");
    const tooltip = Array.from({ length: strings.length }, (_, i) => strings.item(i) as El).find(
      (s) => s.getAttribute("id") === "Refresh.Tooltip",
    );
    const pane = fs.readFileSync(path.join(ROOT, "src", "taskpane", "taskpane.html"), "utf8");
    expect(pane).toContain("Cells you changed are kept");
    expect(tooltip?.getAttribute("DefaultValue")).toContain("Cells you changed are kept");
    expect(tooltip?.getAttribute("DefaultValue")).not.toMatch(/rewrite/i);
    // the menu's items say what the pane's Refresh options say
    expect(pane).toContain("All IoMT tables");
    expect(pane).toContain("The table at the selection");
    expect(source).toContain('DefaultValue="All IoMT tables"');
    expect(source).toContain('DefaultValue="The table at the selection"');
  });

  test("a broken resid is caught", () => {
    expect(() =>
      checkManifest(
        source.replace('<FunctionFile resid="Shared.Url"/>', '<FunctionFile resid="Other.Url"/>'),
        DEV_BASE_URL,
      ),
    ).toThrow();
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

/**
 * Microsoft's XML schemas for manifests (../shared/office-schemas, see its README), checked by xmllint. They
 * predate some current elements, so passing them is necessary, not sufficient.
 */
describe("manifest against Microsoft's XSDs (xmllint)", () => {
  const SCHEMAS = path.resolve(ROOT, "..", "shared", "office-schemas");
  const source = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");

  function xmllint(xml: string): { ok: boolean; output: string } {
    if (!fs.existsSync(path.join(SCHEMAS, "OfficeAppManifestV1_1.xsd"))) {
      throw new Error(
        `Microsoft's manifest schemas are missing at ${SCHEMAS} (the shared folder beside the repository).`,
      );
    }
    const r = spawnSync("xmllint", ["--noout", "--schema", "OfficeAppManifestV1_1.xsd", "-"], {
      cwd: SCHEMAS,
      input: xml,
      encoding: "utf8",
    });
    if (r.error)
      throw new Error(
        `xmllint cannot run (${r.error.message}): install Debian's libxml2-utils (npm test does, as root).`,
      );
    return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
  }

  test("the development manifest validates", () => {
    const r = xmllint(source);
    expect(r.output).toContain("validates");
    expect(r.ok).toBe(true);
  });

  test("the built dist/manifest.xml validates", () => {
    const r = xmllint(fs.readFileSync(path.join(ROOT, "dist", "manifest.xml"), "utf8"));
    expect(r.output).toContain("validates");
    expect(r.ok).toBe(true);
  });

  test("a production manifest validates", () => {
    const r = xmllint(manifestFor(source, "https://addins.example.org/iomt"));
    expect(r.output).toContain("validates");
    expect(r.ok).toBe(true);
  });

  test("a base URL with XML's special characters is escaped: well-formed, valid, the same URL read back", () => {
    const odd = `https://addins.example.org/a&b'c"d<e>`;
    const prod = manifestFor(source, odd);
    expect(prod).toContain("/a&amp;b&apos;c&quot;d&lt;e&gt;/taskpane.html");
    const urls = all(parse(prod), "bt:Url").map((u) => u.getAttribute("DefaultValue"));
    expect(urls).toContain(`${odd}/taskpane.html`);
    const r = xmllint(prod);
    expect(r.output).toContain("validates");
    expect(r.ok).toBe(true);
  });

  test("the schemas catch what they should: a missing <Id>, an unknown permission, a bad runtime lifetime", () => {
    expect(xmllint(source.replace(/<Id>[^<]*<\/Id>/, "")).ok).toBe(false);
    expect(
      xmllint(source.replace("<Permissions>ReadWriteDocument</Permissions>", "<Permissions>Everything</Permissions>"))
        .ok,
    ).toBe(false);
    expect(xmllint(source.replace('lifetime="long"', 'lifetime="forever"')).ok).toBe(false);
  });
});

describe("the base URL (ADDIN_BASE_URL or --env baseUrl), parsed with URL", () => {
  test("an https URL with a host and a plain path is taken, without its trailing slash", () => {
    expect(addinBaseUrl("https://addins.example.org/iomt/")).toBe("https://addins.example.org/iomt");
    expect(addinBaseUrl("https://ADDINS.example.org:8443/a/b-c_d.e~f")).toBe(
      "https://addins.example.org:8443/a/b-c_d.e~f",
    );
    expect(addinBaseUrl("https://10.0.0.5")).toBe("https://10.0.0.5");
    expect(addinBaseUrl(DEV_BASE_URL)).toBe(DEV_BASE_URL);
  });

  test.each([
    ["not a URL", "addins.example.org/iomt", /is not a URL/],
    ["http", "http://addins.example.org/iomt", /must be https/],
    ["a user name", "https://admin@addins.example.org/iomt", /user name or password/],
    ["a password", "https://admin:secret@addins.example.org/iomt", /user name or password/],
    ["a query", "https://addins.example.org/iomt?v=2", /query \(\?\) or a fragment/],
    ["an empty query", "https://addins.example.org/iomt?", /query \(\?\) or a fragment/],
    ["a fragment", "https://addins.example.org/iomt#x", /query \(\?\) or a fragment/],
    ["a host that is no DNS name", "https://a&b.example.org/iomt", /DNS name or an IP address/],
    ["XML in the path", 'https://addins.example.org/x"/><Evil/>', /only letters, digits/],
    ["an ampersand in the path", "https://addins.example.org/a&b", /only letters, digits/],
    ["a space in the path", "https://addins.example.org/my addin", /only letters, digits/],
  ])("%s stops the build with the reason", (_what, url, reason) => {
    expect(() => addinBaseUrl(url)).toThrow(reason);
    expect(() => addinBaseUrl(url)).toThrow(`got "${url}"`);
  });

  test("the build reads ADDIN_BASE_URL through the same check", () => {
    const saved = process.env.ADDIN_BASE_URL;
    process.env.ADDIN_BASE_URL = "https://user:pw@addins.example.org/iomt";
    try {
      expect(() => webpackConfig({}, { mode: "production" })).toThrow(/must not hold a user name or password/);
      expect(() => webpackConfig({ baseUrl: "http://addins.example.org" }, { mode: "production" })).toThrow(
        /must be https/,
      );
    } finally {
      if (saved === undefined) delete process.env.ADDIN_BASE_URL;
      else process.env.ADDIN_BASE_URL = saved;
    }
  });
});

describe("AppDomains in a production manifest", () => {
  const source = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
  const withDomains = (domains: string[]) =>
    source.replace(
      "  <Hosts>",
      `  <AppDomains>\n${domains.map((d) => `    <AppDomain>${d}</AppDomain>\n`).join("")}  </AppDomains>\n  <Hosts>`,
    );

  test("hold origins only: paths are cut off and the add-in's own origin is dropped", () => {
    const prod = manifestFor(
      withDomains([
        "https://localhost:3000",
        "https://login.example.com/oauth/start",
        "https://cdn.example.net:8443/x/",
      ]),
      "https://addins.example.org/iomt",
    );
    const domains = all(parse(prod), "AppDomain").map((d) => d.textContent);
    expect(domains).toEqual(["https://login.example.com", "https://cdn.example.net:8443"]);
    checkManifest(prod, "https://addins.example.org/iomt");
  });

  test("an AppDomains left empty is removed (the element cannot be empty)", () => {
    const prod = manifestFor(withDomains(["https://localhost:3000"]), "https://addins.example.org/iomt");
    expect(prod).not.toContain("AppDomain");
    expect(prod).not.toContain("/iomt</AppDomain>");
  });
});
