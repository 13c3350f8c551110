/**
 * LibreOffice Calc, headless, with a private profile that recalculates every formula when it loads a file
 * (instead of trusting cached values): opens a workbook, recalculates, saves it as .xlsx again.
 */
import { execFileSync } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";

const SOFFICE = process.env.SOFFICE_PATH ?? "/usr/bin/soffice";

const PROFILE_SETTINGS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/** Recalculates `file` in LibreOffice and returns the path of the saved result. */
export function recalculate(file: string): string {
  if (!fs.existsSync(SOFFICE)) {
    throw new Error(
      `LibreOffice is missing at ${SOFFICE}: install Debian's libreoffice-calc-nogui (npm test does, as root).`,
    );
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "iomt-lo-"));
  const profile = path.join(work, "profile");
  fs.mkdirSync(path.join(profile, "user"), { recursive: true });
  fs.writeFileSync(path.join(profile, "user", "registrymodifications.xcu"), PROFILE_SETTINGS);
  const out = path.join(work, "out");
  execFileSync(
    SOFFICE,
    [
      `-env:UserInstallation=file://${profile}`,
      "--headless",
      "--norestore",
      "--calc",
      "--convert-to",
      "xlsx",
      "--outdir",
      out,
      file,
    ],
    {
      stdio: "pipe",
      timeout: 120000,
    },
  );
  const result = path.join(out, path.basename(file));
  if (!fs.existsSync(result)) throw new Error(`LibreOffice wrote no ${result}`);
  return result;
}
