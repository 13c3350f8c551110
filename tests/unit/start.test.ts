/**
 * `npm start` as root adds a development CA to the system trust store: it says so plainly and how to remove it,
 * and the README says how to make Chromium on Linux (its own NSS store) trust the same CA file.
 */
import fs from "fs";
import os from "os";
import path from "path";

const ROOT = path.resolve(__dirname, "..", "..");
const { systemTrustNotice, SYSTEM_CA, SYSTEM_CA_DIR, CA } = require("../../scripts/start.js");
const devCertDefaults = require("office-addin-dev-certs/lib/defaults");

test("the root notice says a CA was added to the system trust store, where, and how to remove it", () => {
  const notice: string = systemTrustNotice();
  expect(notice).toMatch(/^Added a development certificate authority to this machine's system trust store: /);
  expect(notice).toContain(SYSTEM_CA);
  expect(SYSTEM_CA.startsWith(`${SYSTEM_CA_DIR}/`)).toBe(true);
  expect(notice).toContain(`To remove it: rm -r ${SYSTEM_CA_DIR} && update-ca-certificates --fresh`);
  expect(notice).toMatch(/Chromium on Linux reads its own store \(NSS\)/);
  // the folder is the one office-addin-dev-certs itself installs into and uninstalls from
  const uninstall = fs.readFileSync(require.resolve("office-addin-dev-certs/scripts/uninstall_linux.sh"), "utf8");
  expect(uninstall).toContain(SYSTEM_CA_DIR);
});

test("the README gives Chromium's NSS command for the CA file office-addin-dev-certs writes, and its removal", () => {
  const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
  expect(CA).toBe(devCertDefaults.caCertificatePath);
  const caFromHome = `~/${path.relative(os.homedir(), CA)}`;
  expect(caFromHome).toBe("~/.office-addin-dev-certs/ca.crt");
  expect(readme).toContain(`certutil -d sql:$HOME/.pki/nssdb -A -t "C,," -n "office-addin-dev-certs" -i ${caFromHome}`);
  expect(readme).toContain('certutil -d sql:$HOME/.pki/nssdb -D -n "office-addin-dev-certs"');
  expect(readme).toContain("libnss3-tools");
  expect(readme).toContain(`rm -r ${SYSTEM_CA_DIR} && update-ca-certificates --fresh`);
});
