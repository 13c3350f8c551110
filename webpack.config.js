/* Builds the add-in into dist/: manifest.xml, manifest.json and its app package iomt-market-app.zip (see
 * scripts/unified-manifest.js), taskpane.html (+ taskpane.js), functions.js, functions.json, help.html (the
 * manifest's SupportUrl and LearnMoreUrl), index.html (the landing page at the base URL), ready hosting configuration
 * (staticwebapp.config.json, nginx-iomt.conf; see scripts/hosting.js) and THIRD-PARTY-NOTICES.txt (the licences
 * of the npm packages the build carries; see scripts/third-party-notices.js).
 *
 *   npx webpack --mode production                                   dist/ for https://localhost:3000
 *   npx webpack --mode production --env baseUrl=https://host/path   dist/ for a real host (or ADDIN_BASE_URL=...)
 *   npx webpack --mode production --env officejs=local              office.js from @microsoft/office-js, no internet
 *   --env outDir=DIR                                                 write somewhere other than dist/
 */
const path = require("path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const { nginxSnippet, staticWebAppConfig } = require("./scripts/hosting");
const { OFFICE_JS_CDN, contentSecurityPolicy, pagePolicies } = require("./scripts/content-security-policy");
const { ThirdPartyNoticesPlugin } = require("./scripts/third-party-notices");
const { unifiedManifest, appPackage } = require("./scripts/unified-manifest");
const fs = require("fs");

const DEV_BASE_URL = "https://localhost:3000";

/** Text for XML: element content and attribute values alike. */
function xmlEscape(text) {
  const entities = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };
  return text.replace(/[&<>"']/g, (c) => entities[c]);
}

/**
 * The add-in's base URL (--env baseUrl or ADDIN_BASE_URL), parsed with URL: https, a host by DNS name or IP
 * address, no user name or password, no query or fragment, a plain path (letters, digits, - . _ ~ and /: it is
 * written into the manifest, the hosting configuration and nginx locations). Returns it without a trailing
 * slash; anything else stops the build with the reason.
 */
function addinBaseUrl(raw) {
  const fail = (why) => {
    throw new Error(`The add-in's base URL (ADDIN_BASE_URL or --env baseUrl) ${why}; got "${raw}".`);
  };
  let url;
  try {
    url = new URL(String(raw).trim());
  } catch {
    fail("is not a URL");
  }
  if (url.protocol !== "https:") fail("must be https (Office loads add-ins over https only)");
  if (url.username || url.password) fail("must not hold a user name or password");
  if (/[?#]/.test(raw)) fail("must not have a query (?) or a fragment (#)");
  if (!/^(?:[a-z0-9-]+\.)*[a-z0-9-]+$|^\[[0-9a-f:.]+\]$/.test(url.hostname))
    fail("must name its host by a DNS name or an IP address");
  if (!/^[A-Za-z0-9._~/-]*$/.test(url.pathname)) fail("may hold only letters, digits, - . _ ~ and / in its path");
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

/**
 * The production manifest is the development one with the base URL replaced: they cannot drift apart.
 * An <AppDomain> holds an origin only ("don't include any segments of the URL after the domain"), and listing
 * the add-in's own origin "has no effect and can be misleading"
 * (https://learn.microsoft.com/javascript/api/manifest/appdomain): AppDomains become origins, the add-in's
 * own origin is dropped, and an <AppDomains> left empty is removed (the element "can't be empty").
 */
function manifestFor(xml, baseUrl) {
  const own = new URL(baseUrl).origin;
  return xml
    .split(DEV_BASE_URL)
    .join(xmlEscape(baseUrl))
    .replace(/[ \t]*<AppDomain>([^<]*)<\/AppDomain>\r?\n?/g, (whole, url) => {
      const origin = new URL(url.trim()).origin;
      return origin === own ? "" : whole.replace(url, xmlEscape(origin));
    })
    .replace(/[ \t]*<AppDomains>\s*<\/AppDomains>\r?\n?/g, "");
}

/** Writes the hosting configuration for this base URL next to the files (see scripts/hosting.js). */
function hostingConfig(baseUrl, policies) {
  return {
    apply(compiler) {
      const { Compilation, sources } = compiler.webpack;
      compiler.hooks.thisCompilation.tap("HostingConfig", (compilation) => {
        compilation.hooks.processAssets.tap(
          { name: "HostingConfig", stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
          () => {
            compilation.emitAsset(
              "staticwebapp.config.json",
              new sources.RawSource(`${JSON.stringify(staticWebAppConfig(baseUrl, policies), null, 2)}\n`),
            );
            compilation.emitAsset("nginx-iomt.conf", new sources.RawSource(nginxSnippet(baseUrl, policies)));
          },
        );
      });
    },
  };
}

/** The file name of the app package (manifest.json and its icons) that the Microsoft 365 admin center takes. */
const APP_PACKAGE = "iomt-market-app.zip";

/**
 * Writes manifest.json (the unified manifest) and the app package, both derived from the production manifest.xml
 * this build writes (the same manifestFor of the same manifest.xml; see scripts/unified-manifest.js).
 */
function unifiedManifestFiles(baseUrl) {
  return {
    apply(compiler) {
      const { Compilation, sources } = compiler.webpack;
      compiler.hooks.thisCompilation.tap("UnifiedManifest", (compilation) => {
        compilation.hooks.processAssets.tapPromise(
          { name: "UnifiedManifest", stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
          async () => {
            const source = path.resolve(__dirname, "manifest.xml");
            compilation.fileDependencies.add(source);
            const manifest = unifiedManifest(manifestFor(fs.readFileSync(source, "utf8"), baseUrl));
            compilation.emitAsset("manifest.json", new sources.RawSource(`${JSON.stringify(manifest, null, 2)}\n`));
            compilation.emitAsset(APP_PACKAGE, new sources.RawSource(await appPackage(manifest)));
          },
        );
      });
    },
  };
}

/** The dataset's version and edition, for the help page. */
function datasetInfo() {
  require("./scripts/ts-register");
  return require("./src/data/iomt-2026-01-06.ts").IOMT_2026_01_06.info;
}

module.exports = (env = {}, argv = {}) => {
  const baseUrl = addinBaseUrl(env.baseUrl || process.env.ADDIN_BASE_URL || DEV_BASE_URL);
  const localOfficeJs = env.officejs === "local";
  const policies = pagePolicies({ localOfficeJs });
  const production = argv.mode === "production";
  const outDir = path.resolve(__dirname, env.outDir || "dist");
  const officeJsDir = path.dirname(require.resolve("@microsoft/office-js/dist/office.js"));
  const officeJs = localOfficeJs ? "office-js/office.js" : OFFICE_JS_CDN;
  const { version: datasetVersion, edition: datasetEdition, baseYear, forecastYear } = datasetInfo();

  return {
    mode: production ? "production" : "development",
    // every Excel webview parses ES2017 (older Mac WebKit lacks later syntax such as regex lookbehind);
    // tsconfig.json's target matches and tests/build/bundles.test.ts parses the output at that level
    target: ["web", "es2017"],
    devtool: production ? false : "source-map",
    // One copy of the dataset, its index and the core in the shared runtime: taskpane.html loads functions.js,
    // then taskpane.js, which takes every module functions.js holds from it (the dataset is built and indexed
    // once). functions.js depends on nothing: it is also the manifest's functions script. Modules are compiled as ES
    // modules here, so that webpack can drop unused exports and concatenate modules.
    entry: {
      functions: "./src/functions/functions.ts",
      taskpane: { import: "./src/taskpane/taskpane.ts", dependOn: "functions" },
    },
    // chunkLoadingGlobal: the array through which taskpane.js joins functions.js (a short name: it is written twice)
    // publicPath "": a chunk loaded on first use (estimates.js, other publishers' estimates) is fetched relative to the
    // page, which sits beside the scripts; no base URL is built in and nothing is computed when functions.js loads
    // uniqueName: the short prefix of the data-webpack attribute of a chunk's script element (it is written in functions.js)
    // charset false: no charset attribute on a chunk's script element (obsolete; a script takes the page's UTF-8)
    output: {
      path: outDir,
      filename: "[name].js",
      clean: true,
      chunkLoadingGlobal: "iomtChunks",
      publicPath: "",
      uniqueName: "iomt",
      charset: false,
    },
    resolve: { extensions: [".ts", ".js"] },
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            options: { onlyCompileBundledFiles: true, compilerOptions: { module: "es2020" } },
          },
        },
        // a core folder's index.ts only re-exports (scripts/check-imports.js checks it): importing one name from
        // it brings that name's module, not the whole folder (no table builder reaches functions.js)
        { test: /[\\/]src[\\/]core[\\/][^\\/]+[\\/]index\.ts$/, sideEffects: false },
        // the formula parser ships ES2020 syntax (optional chaining, ??): brought down to the ES2017 every Excel webview parses
        {
          test: /\.[cm]?js$/,
          include: /node_modules[\\/]@borgar[\\/]fx[\\/]/,
          use: {
            loader: "ts-loader",
            options: {
              instance: "es2017-libraries",
              transpileOnly: true,
              configFile: path.resolve(__dirname, "tsconfig.json"),
              compilerOptions: { allowJs: true, target: "es2017", module: "es2020", moduleResolution: "node" },
            },
          },
        },
      ],
    },
    performance: { hints: false },
    // the shortest module ids and export names: functions.js and taskpane.js are built together, so the two agree
    // splitChunks off: each chunk loaded on first use is one file of a known name (estimates.js, pane-tools.js: the
    // pane's tools, after its first screen), which the hosting configuration and the CSP's 'self' cover
    optimization: {
      moduleIds: "size",
      chunkIds: "size",
      mangleExports: "size",
      splitChunks: false,
      // webpack's CSS minimizer writes what the es2017 target's oldest browsers cannot read in a spelling they can:
      // system-ui becomes a list of nine platform fonts, each a font lookup before the pane's first layout where it
      // is missing. The stylesheets name their own fallbacks ("Segoe UI", then a generic family), so they ship as
      // written, only minified.
      minimizeOptions: { css: { lowerUnsupported: false } },
    },
    plugins: [
      new CustomFunctionsMetadataPlugin({ input: "./src/functions/functions.ts", output: "functions.json" }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["functions", "taskpane"],
        scriptLoading: "blocking",
        inject: "body",
        templateParameters: {
          officeJs,
          csp: policies["taskpane.html"],
        },
      }),
      // the landing page at the add-in's base URL (https://localhost:3000/): what this is, how to sideload, the files
      new HtmlWebpackPlugin({
        filename: "index.html",
        template: "./src/help/index.html",
        chunks: [],
        inject: false,
        templateParameters: {
          csp: policies["index.html"],
          version: require("./package.json").version,
          datasetEdition,
        },
      }),
      new HtmlWebpackPlugin({
        filename: "help.html",
        template: "./src/help/help.html",
        chunks: [],
        inject: false,
        templateParameters: {
          csp: policies["help.html"],
          version: require("./package.json").version,
          datasetVersion,
          datasetEdition,
          baseYear,
          forecastYear,
        },
      }),
      hostingConfig(baseUrl, policies),
      unifiedManifestFiles(baseUrl),
      new ThirdPartyNoticesPlugin(),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "[path][name][ext]" },
          { from: "src/taskpane/taskpane.css", to: "taskpane.css" },
          { from: "src/help/help.css", to: "help.css" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: (content) => manifestFor(content.toString(), baseUrl),
          },
          ...(localOfficeJs
            ? [
                {
                  from: "{office.js,o15apptofilemappingtable.js,custom-functions-runtime.js,en-us/office_strings.js,excel-web-16.00.js,excel-win32-16.01.js}",
                  context: officeJsDir,
                  to: "office-js/",
                  info: { minimized: true },
                },
              ]
            : []),
        ],
      }),
    ],
    devServer: {
      static: { directory: outDir },
      port: 3000,
      headers: { "Access-Control-Allow-Origin": "*" },
    },
  };
};

module.exports.manifestFor = manifestFor;
module.exports.addinBaseUrl = addinBaseUrl;
module.exports.contentSecurityPolicy = contentSecurityPolicy;
module.exports.OFFICE_JS_CDN = OFFICE_JS_CDN;
module.exports.DEV_BASE_URL = DEV_BASE_URL;
module.exports.APP_PACKAGE = APP_PACKAGE;
