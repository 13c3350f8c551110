/* Validates unified manifests (manifest.json) against the JSON schema of their manifestVersion as shipped in the
 * npm package @microsoft/app-manifest, offline (the package's own validator, given the schema file, reads no network).
 *
 *   node scripts/validate-unified-manifest.js dist/manifest.json [more.json ...]
 *
 * Prints one JSON line per file: {"file", "manifestVersion", "errors": [...]}; exits 1 when any file has errors.
 */
const fs = require("fs");
const path = require("path");
const { ManifestUtil } = require("@microsoft/app-manifest");

/** The schema of a manifestVersion, from the package; a version it does not ship is an error, not a download. */
function schemaFor(version) {
  if (!/^(?:\d{1,2}\.\d{1,2}|DevPreview)$/.test(String(version)))
    throw new Error(`manifestVersion "${version}" is not a version`);
  const file = path.join(
    path.dirname(require.resolve("@microsoft/app-manifest/package.json")),
    "build",
    "json-schemas",
    "teams",
    `v${version}`,
    "MicrosoftTeams.schema.json",
  );
  if (!fs.existsSync(file)) throw new Error(`@microsoft/app-manifest ships no schema for manifestVersion ${version}`);
  return JSON.parse(fs.readFileSync(file, "utf8"));
}

async function main(files) {
  let failed = false;
  for (const file of files) {
    const manifest = JSON.parse(fs.readFileSync(file, "utf8"));
    let errors;
    try {
      errors = await ManifestUtil.validateManifestAgainstSchema(manifest, schemaFor(manifest.manifestVersion));
    } catch (e) {
      errors = [String(e.message || e)];
    }
    if (errors.length) failed = true;
    process.stdout.write(`${JSON.stringify({ file, manifestVersion: manifest.manifestVersion, errors })}\n`);
  }
  process.exitCode = failed ? 1 : 0;
}

if (process.argv.length < 3) {
  process.stderr.write("usage: node scripts/validate-unified-manifest.js manifest.json [more.json ...]\n");
  process.exitCode = 2;
} else {
  main(process.argv.slice(2)).catch((e) => {
    process.stderr.write(`${e.stack || e}\n`);
    process.exitCode = 2;
  });
}
