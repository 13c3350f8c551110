/* Builds the add-in into dist/: manifest.xml, taskpane.html (+ taskpane.js), functions.js, functions.json,
 * help.html (the manifest's SupportUrl and LearnMoreUrl) and ready hosting configuration
 * (staticwebapp.config.json, nginx-iomt.conf; see scripts/hosting.js).
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

const DEV_BASE_URL = "https://localhost:3000";
const OFFICE_JS_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

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
    .join(baseUrl)
    .replace(/[ \t]*<AppDomain>([^<]*)<\/AppDomain>\r?\n?/g, (whole, url) => {
      const origin = new URL(url.trim()).origin;
      return origin === own ? "" : whole.replace(url, origin);
    })
    .replace(/[ \t]*<AppDomains>\s*<\/AppDomains>\r?\n?/g, "");
}

/**
 * The Content-Security-Policy of every page (a meta tag: only the add-in's own files and Microsoft's office.js).
 * - script-src: the add-in's bundles and office.js, which loads its host-specific scripts from the same CDN
 *   folder. No inline script, no eval.
 * - style-src 'unsafe-inline': office.js's Excel scripts set inline styles (OfficeDev/office-js#1687).
 * - connect-src, frame-src and the rest 'none': the add-in makes no request of its own, and office.js talks
 *   to Excel by messages, not requests. Microsoft publishes no list of what office.js needs
 *   (OfficeDev/office-js#1005); the browser tests load the pane under this policy and fail on any violation.
 * frame-ancestors cannot be set in a meta tag; Office frames the pane from its own origins.
 */
function contentSecurityPolicy({ officeJsOrigin, scripts = true } = {}) {
  const self = "'self'";
  return [
    "default-src 'none'",
    `script-src ${scripts ? [self, officeJsOrigin].filter(Boolean).join(" ") : "'none'"}`,
    `style-src ${self}${scripts ? " 'unsafe-inline'" : ""}`,
    `img-src ${self}`,
    "connect-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
  ].join("; ");
}

/** Writes the hosting configuration for this base URL next to the files (see scripts/hosting.js). */
function hostingConfig(baseUrl) {
  return {
    apply(compiler) {
      const { Compilation, sources } = compiler.webpack;
      compiler.hooks.thisCompilation.tap("HostingConfig", (compilation) => {
        compilation.hooks.processAssets.tap(
          { name: "HostingConfig", stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
          () => {
            compilation.emitAsset(
              "staticwebapp.config.json",
              new sources.RawSource(`${JSON.stringify(staticWebAppConfig(baseUrl), null, 2)}\n`),
            );
            compilation.emitAsset("nginx-iomt.conf", new sources.RawSource(nginxSnippet(baseUrl)));
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
  const baseUrl = (env.baseUrl || process.env.ADDIN_BASE_URL || DEV_BASE_URL).replace(/\/+$/, "");
  if (!/^https:\/\/[^\s"'<>]+$/.test(baseUrl)) {
    throw new Error(`The add-in's base URL must be an https URL; got "${baseUrl}".`);
  }
  const localOfficeJs = env.officejs === "local";
  const production = argv.mode === "production";
  const outDir = path.resolve(__dirname, env.outDir || "dist");
  const officeJsDir = path.dirname(require.resolve("@microsoft/office-js/dist/office.js"));
  const officeJs = localOfficeJs ? "office-js/office.js" : OFFICE_JS_CDN;
  const { version: datasetVersion, edition: datasetEdition } = datasetInfo();

  return {
    mode: production ? "production" : "development",
    // every Excel webview parses ES2017 (older Mac WebKit lacks later syntax such as regex lookbehind);
    // tsconfig.json's target matches and tests/bundles.test.ts parses the output at that level
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
    output: { path: outDir, filename: "[name].js", clean: true },
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
          csp: contentSecurityPolicy({ officeJsOrigin: localOfficeJs ? undefined : new URL(OFFICE_JS_CDN).origin }),
        },
      }),
      new HtmlWebpackPlugin({
        filename: "help.html",
        template: "./src/help/help.html",
        chunks: [],
        inject: false,
        templateParameters: {
          csp: contentSecurityPolicy({ scripts: false }),
          version: require("./package.json").version,
          datasetVersion,
          datasetEdition,
        },
      }),
      hostingConfig(baseUrl),
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
module.exports.contentSecurityPolicy = contentSecurityPolicy;
module.exports.OFFICE_JS_CDN = OFFICE_JS_CDN;
module.exports.DEV_BASE_URL = DEV_BASE_URL;
