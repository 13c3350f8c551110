/* The unified manifest for Microsoft 365 (manifest.json) and its app package, derived from the add-in only manifest
 * (manifest.xml) as the build writes it: id, version, names, descriptions, icons, URLs, the custom functions'
 * namespace and the ribbon are read from that XML, so the two manifests cannot drift apart.
 *
 * The shape follows Microsoft's "Configure your Office Add-in to use a shared runtime" and the sample
 * OfficeDev/Office-Add-in-samples Samples/excel-shared-runtime-scenario/manifest.json: one runtime of type
 * "general" with "lifetime": "long" whose page is the task pane (the pane, the ribbon's command and the custom
 * functions share it), and a `customFunctions` object with the namespace and the `metadataUrl` of functions.json
 * (custom functions in the unified manifest: generally available since 2026-07-24, OfficeDev/office-js-docs-pr#5843).
 */
const fs = require("fs");
const path = require("path");
const { DOMParser } = require("@xmldom/xmldom");

const MANIFEST_VERSION = "1.25";
const SCHEMA_URL = `https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`;
/** The app package's icons (the sizes the admin center takes: color 192 x 192, outline 32 x 32 white on transparent). */
const PACKAGE_ICONS = { color: "icon-192.png", outline: "icon-outline-32.png" };
const ASSETS = path.resolve(__dirname, "..", "assets");
/** The icons' teal (scripts/make-icons.js). */
const ACCENT_COLOR = "#007882";
/** The add-in only manifest's permission and the unified manifest's resource-specific one it corresponds to. */
const PERMISSIONS = { ReadWriteDocument: "Document.ReadWrite.User", ReadDocument: "Document.Read.User" };

function fail(why) {
  throw new Error(`manifest.json cannot be derived from manifest.xml: ${why}`);
}

function parseXml(xml) {
  const errors = [];
  let doc;
  try {
    doc = new DOMParser({
      onError: (level, msg) => {
        if (level !== "warning") errors.push(msg);
      },
    }).parseFromString(xml, "text/xml");
  } catch (e) {
    errors.push(String(e.message || e));
  }
  if (errors.length) fail(`not well-formed XML (${errors.join("; ")})`);
  return doc;
}

/** The values the unified manifest takes from manifest.xml, each looked up by element or resource id. */
function readXml(xml) {
  const doc = parseXml(xml);
  const all = (tag) => Array.from(doc.getElementsByTagName(tag));
  const one = (tag) => all(tag)[0] || fail(`no <${tag}>`);
  const text = (tag) => (one(tag).textContent || "").trim();
  const value = (tag) => one(tag).getAttribute("DefaultValue") || fail(`<${tag}> has no DefaultValue`);
  const resources = (tag) =>
    new Map(
      all(tag).flatMap((e) => (e.getAttribute("id") ? [[e.getAttribute("id"), e.getAttribute("DefaultValue")]] : [])),
    );
  const urls = resources("bt:Url");
  const images = resources("bt:Image");
  const strings = resources("bt:String");
  const res = (map, el) => {
    const id = el && el.getAttribute("resid");
    return (id && map.get(id)) || fail(`resource "${id}" is missing`);
  };
  const child = (el, tag) => el.getElementsByTagName(tag)[0] || fail(`<${el.tagName}> has no <${tag}>`);
  const icons = (el) =>
    Array.from(child(el, "Icon").getElementsByTagName("bt:Image")).map((i) => ({
      size: Number(i.getAttribute("size")),
      url: res(images, i),
    }));
  /** A control's or menu item's id, label, tooltip and icons (a Menu's come before its <Items>, so child() finds them). */
  const described = (c) => ({
    id: c.getAttribute("id"),
    label: res(strings, child(c, "Label")),
    title: res(strings, child(child(c, "Supertip"), "Title")),
    description: res(strings, child(child(c, "Supertip"), "Description")),
    icons: icons(c),
  });
  /** A button or menu item: what it shows and what it does. */
  const command = (c) => {
    const action = child(c, "Action");
    const type = action.getAttribute("xsi:type");
    const functionName = type === "ExecuteFunction" ? (child(action, "FunctionName").textContent || "").trim() : "";
    return {
      ...described(c),
      action: type === "ShowTaskpane" ? { type: "openPage" } : { type: "executeFunction", functionName },
    };
  };
  const controls = all("Control").map((c) =>
    c.getAttribute("xsi:type") === "Menu"
      ? { ...described(c), items: Array.from(child(c, "Items").getElementsByTagName("Item")).map(command) }
      : command(c),
  );
  const group = one("Group");
  const getStarted = one("GetStarted");
  const cf =
    all("ExtensionPoint").find((e) => e.getAttribute("xsi:type") === "CustomFunctions") || fail("no custom functions");
  const runtime = one("Runtime");
  return {
    id: text("Id"),
    version: text("Version"),
    provider: text("ProviderName"),
    locale: text("DefaultLocale"),
    displayName: value("DisplayName"),
    description: value("Description"),
    iconUrl: value("IconUrl"),
    highResolutionIconUrl: value("HighResolutionIconUrl"),
    supportUrl: value("SupportUrl"),
    permission: text("Permissions"),
    sets: all("Set").map((s) => ({ name: s.getAttribute("Name"), minVersion: s.getAttribute("MinVersion") })),
    runtime: { page: res(urls, runtime), lifetime: runtime.getAttribute("lifetime") },
    functions: {
      script: res(urls, child(child(cf, "Script"), "SourceLocation")),
      page: res(urls, child(child(cf, "Page"), "SourceLocation")),
      metadata: res(urls, child(child(cf, "Metadata"), "SourceLocation")),
      namespace: res(strings, child(cf, "Namespace")),
    },
    tab: one("OfficeTab").getAttribute("id"),
    group: { id: group.getAttribute("id"), label: res(strings, child(group, "Label")), icons: icons(group) },
    controls,
    getStarted: {
      title: res(strings, child(getStarted, "Title")),
      description: res(strings, child(getStarted, "Description")),
      learnMoreUrl: res(urls, child(getStarted, "LearnMoreUrl")),
    },
  };
}

/** The unified manifest's version is three numbers; the add-in only manifest's fourth must then be 0. */
function threePartVersion(version) {
  const m = /^(\d{1,5})\.(\d{1,5})\.(\d{1,5})(?:\.(\d{1,5}))?$/.exec(version);
  if (!m) fail(`<Version> "${version}" is not n.n.n or n.n.n.n`);
  if (m[4] !== undefined && Number(m[4]) !== 0) fail(`<Version> "${version}" has a fourth number other than 0`);
  return `${m[1]}.${m[2]}.${m[3]}`;
}

/** The short description: the XML description up to its first colon (at most 80 characters). */
function shortDescription(description) {
  const short = description.split(":")[0].trim();
  if (short.length > 80) fail(`the description before its first colon is longer than 80 characters`);
  return short;
}

/** manifest.json (an object) from the text of manifest.xml. */
function unifiedManifest(xml) {
  const x = readXml(xml);
  if (x.runtime.page !== x.functions.page) fail("the custom functions' page is not the shared runtime's");
  const permission = PERMISSIONS[x.permission] || fail(`permission "${x.permission}" has no unified equivalent`);
  const capabilities = x.sets.map((s) => ({ name: s.name, minVersion: s.minVersion }));
  // the runtime's actions: one per button and per menu item, in the ribbon's order
  const commands = x.controls.flatMap((c) => c.items || [c]);
  const actionOf = (c) =>
    c.action.type === "openPage"
      ? { id: "ShowTaskpane", type: "openPage", displayName: c.label }
      : { id: c.action.functionName, type: "executeFunction", displayName: c.label };
  const actions = commands.map(actionOf);
  const shown = (c) => ({ label: c.label, icons: c.icons, supertip: { title: c.title, description: c.description } });
  const ribbonControl = (c) =>
    c.items
      ? {
          id: c.id,
          type: "menu",
          ...shown(c),
          items: c.items.map((i) => ({ id: i.id, type: "menuItem", ...shown(i), actionId: actionOf(i).id })),
        }
      : { id: c.id, type: "button", ...shown(c), actionId: actionOf(c).id };
  return {
    $schema: SCHEMA_URL,
    manifestVersion: MANIFEST_VERSION,
    id: x.id,
    version: threePartVersion(x.version),
    name: { short: x.displayName, full: x.displayName },
    description: { short: shortDescription(x.description), full: x.description },
    developer: { name: x.provider, websiteUrl: x.supportUrl, privacyUrl: x.supportUrl, termsOfUseUrl: x.supportUrl },
    icons: { color: PACKAGE_ICONS.color, outline: PACKAGE_ICONS.outline },
    accentColor: ACCENT_COLOR,
    localizationInfo: { defaultLanguageTag: x.locale.toLowerCase(), additionalLanguages: [] },
    authorization: { permissions: { resourceSpecific: [{ name: permission, type: "Delegated" }] } },
    extensions: [
      {
        requirements: { capabilities, scopes: ["workbook"] },
        runtimes: [
          {
            requirements: { capabilities },
            id: "SharedRuntime",
            type: "general",
            code: { page: x.runtime.page, script: x.functions.script },
            lifetime: x.runtime.lifetime,
            actions,
            customFunctions: {
              namespace: { id: x.functions.namespace, name: x.functions.namespace },
              metadataUrl: x.functions.metadata,
            },
          },
        ],
        ribbons: [
          {
            requirements: { scopes: ["workbook"], formFactors: ["desktop"] },
            contexts: ["default"],
            tabs: [
              {
                builtInTabId: x.tab,
                groups: [
                  {
                    id: x.group.id,
                    label: x.group.label,
                    icons: x.group.icons,
                    controls: x.controls.map(ribbonControl),
                  },
                ],
              },
            ],
          },
        ],
        alternates: [
          {
            alternateIcons: {
              icon: { size: 32, url: x.iconUrl },
              highResolutionIcon: { size: 64, url: x.highResolutionIconUrl },
            },
          },
        ],
        getStartedMessages: [
          {
            requirements: { scopes: ["workbook"], formFactors: ["desktop"] },
            title: x.getStarted.title,
            description: x.getStarted.description,
            learnMoreUrl: x.getStarted.learnMoreUrl,
          },
        ],
      },
    ],
  };
}

/** The app package (a zip the Microsoft 365 admin center takes): manifest.json and its two icons at the root. */
async function appPackage(manifest) {
  const JSZip = require("jszip");
  const zip = new JSZip();
  const date = new Date(Date.UTC(2026, 0, 6));
  zip.file("manifest.json", `${JSON.stringify(manifest, null, 2)}\n`, { date });
  for (const file of Object.values(PACKAGE_ICONS)) zip.file(file, fs.readFileSync(path.join(ASSETS, file)), { date });
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

module.exports = { unifiedManifest, appPackage, MANIFEST_VERSION, PACKAGE_ICONS };
