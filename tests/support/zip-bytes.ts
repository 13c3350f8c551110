/**
 * Zip packages made for tests, and their central directory rewritten in place (PKWARE APPNOTE.TXT 4.3.12): to
 * declare sizes a part does not have, as a zip bomb or a lying package does.
 */
import JSZip from "jszip";

/** The offset of every central directory header, from the end-of-central-directory record. */
function centralHeaders(buf: Buffer): number[] {
  let end = buf.length - 22;
  while (end >= 0 && buf.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error("no end of central directory");
  const count = buf.readUInt16LE(end + 10);
  const headers: number[] = [];
  for (let at = buf.readUInt32LE(end + 16), i = 0; i < count; i++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error("not a central directory header");
    headers.push(at);
    at += 46 + buf.readUInt16LE(at + 28) + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
  }
  return headers;
}

/** The package with the declared uncompressed size of the parts whose names pass `which` set to `size`. */
export function declareSizes(zip: Buffer, which: (name: string) => boolean, size: number): Buffer {
  const buf = Buffer.from(zip);
  for (const at of centralHeaders(buf)) {
    const name = buf.toString("utf8", at + 46, at + 46 + buf.readUInt16LE(at + 28));
    if (which(name)) buf.writeUInt32LE(size, at + 24);
  }
  return buf;
}

/** The names of a package's parts, as its central directory lists them. */
export function partNames(zip: Buffer): string[] {
  return centralHeaders(zip).map((at) => zip.toString("utf8", at + 46, at + 46 + zip.readUInt16LE(at + 28)));
}

/** A zip package of the given parts, deflated. */
export async function zipOf(parts: Record<string, string | Buffer>): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, content] of Object.entries(parts)) zip.file(name, content);
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

/** A package's parts with one added or replaced, deflated again. */
export async function withPart(pkg: Buffer, name: string, content: string | Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(pkg);
  zip.file(name, content);
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}
