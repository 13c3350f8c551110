/** The source press release, read from the shared seed and split into sections by heading. */
import fs from "fs";
import path from "path";
import { SECTION } from "../../src/data/iomt-2026-01-06";
import { DATASET } from "../../src/data";

const SEED_PATH = path.resolve(__dirname, "..", "..", "..", "shared", "seed", DATASET.info.source.file);

export function readSeed(): string {
  if (!fs.existsSync(SEED_PATH)) {
    throw new Error(
      `The source press release is missing: expected it at ${SEED_PATH} (the shared seed beside the repository).`,
    );
  }
  return fs.readFileSync(SEED_PATH, "utf8");
}

/**
 * Sections of the release: a heading is a short paragraph that does not end with a full stop;
 * the text before the first heading is the opening paragraph.
 */
export function seedSections(text: string): Map<string, string> {
  const paragraphs = text
    .split(/\r?\n/)
    .map((p) => p.trim())
    .filter((p) => p !== "");
  const sections = new Map<string, string>();
  let heading: string = SECTION.opening;
  let body: string[] = [];
  const flush = (): void => {
    sections.set(heading, body.join("\n"));
    body = [];
  };
  for (const p of paragraphs) {
    if (p.length < 200 && !/[.:"]$/.test(p)) {
      flush();
      heading = p;
    } else {
      body.push(p);
    }
  }
  flush();
  return sections;
}
