/**
 * Zip packages made for tests, and their central directory rewritten in place (PKWARE APPNOTE.TXT 4.3.12): to
 * declare sizes a part does not have, as a zip bomb or a lying package does.
 */
import zlib from "zlib";
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

export interface RawEntry {
  name: string;
  data: Buffer;
  /** the uncompressed size the directory declares (the data's length if not given) */
  declared?: number;
  /** sizes in a ZIP64 extra field, 0xFFFFFFFF in the header (APPNOTE 4.5.3) */
  zip64?: boolean;
}

/** A zip of stored (uncompressed) entries, byte by byte; zip64End writes the ZIP64 end records (APPNOTE 4.3.14-15). */
export function rawZip(entries: RawEntry[], { zip64End = false } = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, "utf8");
    const crc = zlib.crc32(e.data) >>> 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const extra = Buffer.alloc(e.zip64 ? 20 : 0);
    if (e.zip64) {
      extra.writeUInt16LE(1, 0);
      extra.writeUInt16LE(16, 2);
      extra.writeBigUInt64LE(BigInt(e.declared ?? e.data.length), 4);
      extra.writeBigUInt64LE(BigInt(e.data.length), 12);
    }
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(45, 4);
    central.writeUInt16LE(45, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(e.zip64 ? 0xffffffff : e.data.length, 20);
    central.writeUInt32LE(e.zip64 ? 0xffffffff : (e.declared ?? e.data.length), 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt16LE(extra.length, 30);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.data);
    centrals.push(central, name, extra);
    offset += 30 + name.length + e.data.length;
  }
  const directory = Buffer.concat(centrals);
  const tail: Buffer[] = [];
  if (zip64End) {
    const record = Buffer.alloc(56);
    record.writeUInt32LE(0x06064b50, 0);
    record.writeBigUInt64LE(BigInt(44), 4);
    record.writeBigUInt64LE(BigInt(entries.length), 24);
    record.writeBigUInt64LE(BigInt(entries.length), 32);
    record.writeBigUInt64LE(BigInt(directory.length), 40);
    record.writeBigUInt64LE(BigInt(offset), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(offset + directory.length), 8);
    locator.writeUInt32LE(1, 16);
    tail.push(record, locator);
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(zip64End ? 0xffff : entries.length, 8);
  end.writeUInt16LE(zip64End ? 0xffff : entries.length, 10);
  end.writeUInt32LE(zip64End ? 0xffffffff : directory.length, 12);
  end.writeUInt32LE(zip64End ? 0xffffffff : offset, 16);
  return Buffer.concat([...locals, directory, ...tail, end]);
}
