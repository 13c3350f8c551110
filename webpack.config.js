/* Builds the add-in into dist/: manifest.xml, taskpane.html (+ taskpane.js), functions.js and functions.json.
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

const DEV_BASE_URL = "https://localhost:3000";
const OFFICE_JS_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

/** The production manifest is the development one with the base URL replaced: they cannot drift apart. */
function manifestFor(xml, baseUrl) {
  return xml.split(DEV_BASE_URL).join(baseUrl);
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

  return {
    mode: production ? "production" : "development",
    devtool: production ? false : "source-map",
    entry: {
      functions: "./src/functions/functions.ts",
      taskpane: "./src/taskpane/taskpane.ts",
    },
    output: { path: outDir, filename: "[name].js", clean: true },
    resolve: { extensions: [".ts", ".js"] },
    module: {
      rules: [{ test: /\.ts$/, exclude: /node_modules/, use: { loader: "ts-loader", options: { onlyCompileBundledFiles: true } } }],
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
        templateParameters: { officeJs: localOfficeJs ? "office-js/office.js" : OFFICE_JS_CDN },
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "[path][name][ext]" },
          { from: "src/taskpane/taskpane.css", to: "taskpane.css" },
          { from: "manifest.xml", to: "manifest.xml", transform: (content) => manifestFor(content.toString(), baseUrl) },
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
module.exports.DEV_BASE_URL = DEV_BASE_URL;
