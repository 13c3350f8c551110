import { DATASET } from "../../src/data";
import { SECTION } from "../../src/data/iomt-2026-01-06";
import { readSeed, seedSections } from "../support/seed";

const sections = seedSections(readSeed());

describe("locators against the source press release", () => {
  test("the seed splits into the dataset's sections", () => {
    for (const heading of Object.values(SECTION)) expect([...sections.keys()]).toContain(heading);
  });

  const located = DATASET.figures.filter((f) => f.locator);
  test.each(located.map((f) => [f.id, f] as const))("%s stands under its heading", (_id, f) => {
    const body = sections.get(f.locator!.section);
    expect(body).toBeDefined();
    // the printed figure appears in that section's text, as printed (names case-insensitively)
    const haystack = f.kind === "not reported" ? body!.toLowerCase() : body!;
    expect(haystack).toContain(f.locator!.printed);
  });

  test("a figure placed under the wrong heading is caught", () => {
    const body = sections.get(SECTION.country)!;
    expect(body).not.toContain("$79,107 million");
  });

  test("qualifiers stand next to their figures in the source", () => {
    const opening = sections.get(SECTION.opening)!;
    expect(opening).toMatch(/Surpass \$240 billion/);
    expect(opening).toMatch(/approximately \$1,116 billion/);
    expect(opening).toMatch(/around 22%/);
    expect(opening).toMatch(/nearly 2%/);
    expect(sections.get(SECTION.opportunities)!).toMatch(/over \$234 billion/);
  });

  test("every figure printed in the source is in the dataset", () => {
    const printed = new Set(DATASET.figures.filter((f) => f.kind === "reported").map((f) => f.locator!.printed));
    const money = readSeed().match(/\$[\d,]+(?:\.\d+)? (?:million|billion)/g) ?? [];
    const percents = readSeed().match(/\d+(?:\.\d+)?%/g) ?? [];
    for (const m of [...money, ...percents]) expect(printed).toContain(m);
  });
});
