// Takes the README's pictures of the task pane (docs/pane-*.png, 350×500) in headless Chromium on the Excel
// stand-in, from the offline build: node scripts/screenshots.js (builds dist-offline/ first).
const { execFileSync } = require("child_process");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const run = (cmd, args, env = {}) =>
  execFileSync(cmd, args, { cwd: ROOT, stdio: "inherit", env: { ...process.env, ...env } });

run(process.execPath, [
  require.resolve("webpack-cli/bin/cli.js"),
  "--mode",
  "production",
  "--env",
  "officejs=local",
  "--env",
  "outDir=dist-offline",
]);
run(process.execPath, [require.resolve("jest/bin/jest"), "tests/browser/screenshots.browser.test.ts"], {
  UPDATE_SCREENSHOTS: "1",
});
