// npm start: builds the add-in, serves it on https://localhost:3000 with a development certificate,
// and sideloads it into desktop Excel where there is one (Windows, macOS). Elsewhere it keeps serving and
// prints how to load the manifest into Excel on the web. It never waits for input.
const fs = require("fs");
const os = require("os");
const path = require("path");
const { execFileSync, spawn } = require("child_process");
const webpack = require("webpack");
const WebpackDevServer = require("webpack-dev-server");

const ROOT = path.resolve(__dirname, "..");
const PORT = 3000;
const MANIFEST = path.join(ROOT, "dist", "manifest.xml");
const CERT_DIR = path.join(os.homedir(), ".office-addin-dev-certs");
const CA = path.join(CERT_DIR, "ca.crt");
const CERT = path.join(CERT_DIR, "localhost.crt");
const KEY = path.join(CERT_DIR, "localhost.key");

/** Where a root `npm start` puts the development CA for Debian's system trust store (update-ca-certificates). */
const SYSTEM_CA_DIR = "/usr/local/share/ca-certificates/office-addin-dev-certs";
const SYSTEM_CA = path.join(SYSTEM_CA_DIR, "ca.crt");
const CA_UPDATER = "/usr/sbin/update-ca-certificates";

/** What a root `npm start` says after adding the development CA to the system trust store, and how to undo it. */
function systemTrustNotice() {
  return [
    `Added a development certificate authority to this machine's system trust store: ${SYSTEM_CA}`,
    "(made by office-addin-dev-certs, as root, with update-ca-certificates). Every program that uses the system",
    "store now trusts https certificates it signs; its private key was not kept, so it signs nothing more.",
    `To remove it: rm -r ${SYSTEM_CA_DIR} && update-ca-certificates --fresh`,
    "Chromium on Linux reads its own store (NSS), not this one: README.md, section Two commands, says how.",
  ].join("\n");
}

function withTimeout(promise, ms, what) {
  return Promise.race([
    promise,
    new Promise((_, reject) => setTimeout(() => reject(new Error(`${what} took over ${ms / 1000} s`)), ms)),
  ]);
}

function certificateValid() {
  if (![CA, CERT, KEY].every((f) => fs.existsSync(f))) return false;
  try {
    const { X509Certificate } = require("crypto");
    const cert = new X509Certificate(fs.readFileSync(CERT));
    return new Date(cert.validTo).getTime() > Date.now() + 24 * 3600 * 1000;
  } catch {
    return false;
  }
}

/** Certificates from office-addin-dev-certs; on Linux they are made without sudo and trusted system-wide when root. */
async function httpsOptions() {
  const devCerts = require("office-addin-dev-certs");
  if (process.platform === "win32" || process.platform === "darwin") {
    return withTimeout(devCerts.getHttpsServerOptions(), 120000, "Installing the development certificate");
  }
  if (!certificateValid()) {
    fs.mkdirSync(CERT_DIR, { recursive: true });
    await devCerts.generateCertificates(CA, CERT, KEY, 30, ["localhost", "127.0.0.1"]);
    console.log(`Made a development certificate in ${CERT_DIR}.`);
  }
  if (process.getuid && process.getuid() === 0 && fs.existsSync(CA_UPDATER)) {
    fs.mkdirSync(path.dirname(SYSTEM_CA), { recursive: true });
    fs.copyFileSync(CA, SYSTEM_CA);
    try {
      execFileSync(CA_UPDATER, { stdio: "ignore" });
      console.log(systemTrustNotice());
    } catch (e) {
      console.warn(`Could not run update-ca-certificates (${e.message}); trust ${CA} by hand.`);
    }
  } else {
    console.log(`To trust the development certificate, add ${CA} to your system or browser certificate store.`);
  }
  return { ca: fs.readFileSync(CA), cert: fs.readFileSync(CERT), key: fs.readFileSync(KEY) };
}

function printWebInstructions() {
  console.log(`
The add-in is served at https://localhost:${PORT}/ (task pane: https://localhost:${PORT}/taskpane.html).
There is no desktop Excel on this machine. To load the add-in into Excel on the web:
  1. Open a workbook at https://www.office.com (Excel on the web) in a browser on this machine.
  2. Home > Add-ins > More Add-ins (or Insert > Office Add-ins) > My Add-ins > Upload My Add-in.
  3. Choose ${MANIFEST} and select Upload.
  4. Open the pane with Data > IoMT Data; type =IOMT.VALUE("North America", 2029) in a cell.
The browser must trust the development certificate (see above) or it will refuse https://localhost:${PORT}.
Press Ctrl+C to stop serving.`);
}

function sideloadDesktop() {
  console.log("Sideloading into desktop Excel (office-addin-dev-settings)...");
  const child = spawn("npx", ["--yes", "office-addin-dev-settings", "sideload", MANIFEST, "desktop"], {
    stdio: ["ignore", "inherit", "inherit"],
    shell: process.platform === "win32",
  });
  child.on("exit", (code) => {
    if (code !== 0) {
      console.warn("Sideloading did not succeed; load the manifest by hand:");
      printWebInstructions();
    }
  });
}

async function main() {
  const options = await httpsOptions().catch((e) => {
    console.error(`No development certificate: ${e.message}`);
    process.exit(1);
  });
  const config = require(path.join(ROOT, "webpack.config.js"))({}, { mode: "development" });
  const compiler = webpack(config);
  const server = new WebpackDevServer(
    {
      ...config.devServer,
      port: PORT,
      host: "localhost",
      open: false,
      server: { type: "https", options },
      devMiddleware: { writeToDisk: true },
      client: false,
      hot: false,
      liveReload: false,
    },
    compiler,
  );
  compiler.hooks.done.tap("start", (stats) => {
    if (stats.hasErrors()) console.error(stats.toString("errors-only"));
  });
  await server.start().catch((e) => {
    console.error(`Cannot serve on port ${PORT}: ${e.message}`);
    process.exit(1);
  });
  await new Promise((resolve) => compiler.hooks.done.tap("first-build", resolve));
  if (process.platform === "win32" || process.platform === "darwin") sideloadDesktop();
  else printWebInstructions();
}

if (require.main === module) main();

module.exports = { systemTrustNotice, SYSTEM_CA, SYSTEM_CA_DIR, CA };
