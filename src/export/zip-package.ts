/**
 * A zip package (an .xlsx file) opened for patching: parts are read by name and inflated on demand, some are
 * replaced, added or removed, and the package is written again with every other part's compressed bytes copied
 * as they were (same name, method, CRC-32, sizes and time), so an untouched part is byte for byte the input's.
 * The package must have passed readZipDirectory and checkInflatedSizes (src/export/zip-directory.ts) first.
 * Format: PKWARE's APPNOTE.TXT (4.3.7 local file header, 4.3.12 central directory header, 4.3.16 end record).
 */
import zlib from "zlib";
import { partData, ZipError, type ZipPart } from "./zip-directory";

interface Written {
  name: string;
  /** the part as the input holds it (copied), or new content (deflated) */
  from?: ZipPart;
  content?: Buffer;
}

const U32 = 0xffffffff;
/** APPNOTE 4.4.4 bit 11: the name is UTF-8. Bit 3 (sizes in a data descriptor) is never written. */
const UTF8_NAME = 0x800;

/** OPC compares part names without regard to case (ECMA-376 Part 2, 6.2.2.3). */
const key = (name: string): string => name.toLowerCase();

export class ZipPackage {
  private readonly parts = new Map<string, ZipPart>();
  private readonly order: string[] = [];
  private readonly changed = new Map<string, { name: string; content: Buffer | null }>();

  constructor(
    private readonly buf: Buffer,
    parts: readonly ZipPart[],
  ) {
    for (const p of parts) {
      const k = key(p.name);
      if (this.parts.has(k)) throw new ZipError("damaged", `its part ${p.name} is there twice`);
      this.parts.set(k, p);
      this.order.push(k);
    }
  }

  /** The part's name as the package spells it, when it has the part. */
  nameOf(name: string): string | undefined {
    const c = this.changed.get(key(name));
    if (c) return c.content ? c.name : undefined;
    return this.parts.get(key(name))?.name;
  }

  has(name: string): boolean {
    return this.nameOf(name) !== undefined;
  }

  /** A part's bytes (as changed, where it was), or undefined when there is no such part. */
  bytes(name: string): Buffer | undefined {
    const c = this.changed.get(key(name));
    if (c) return c.content ?? undefined;
    const part = this.parts.get(key(name));
    if (!part) return undefined;
    const data = partData(this.buf, part);
    return part.method === 0
      ? data
      : zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, part.uncompressedSize) });
  }

  /** A part as text (UTF-8, a byte order mark dropped), or undefined. */
  text(name: string): string | undefined {
    const b = this.bytes(name);
    if (!b) return undefined;
    const s = b.toString("utf8");
    return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
  }

  /** Replaces or adds a part. */
  set(name: string, content: string | Buffer): void {
    const existing = this.nameOf(name) ?? this.parts.get(key(name))?.name ?? name;
    this.changed.set(key(name), { name: existing, content: Buffer.from(content) });
  }

  remove(name: string): void {
    this.changed.set(key(name), { name, content: null });
  }

  /** The package written again: untouched parts copied, changed and added ones deflated. */
  toBuffer(): Buffer {
    const written: Written[] = [];
    for (const k of this.order) {
      const c = this.changed.get(k);
      if (c && !c.content) continue;
      written.push(
        c
          ? { name: this.parts.get(k)!.name, content: c.content! }
          : { name: this.parts.get(k)!.name, from: this.parts.get(k) },
      );
    }
    for (const [k, c] of this.changed)
      if (c.content && !this.parts.has(k)) written.push({ name: c.name, content: c.content });

    const locals: Buffer[] = [];
    const centrals: Buffer[] = [];
    let offset = 0;
    const now = dosTime(new Date());
    for (const w of written) {
      const name = Buffer.from(w.name, "utf8");
      let data: Buffer;
      let method: number;
      let crc: number;
      let size: number;
      let time: number;
      let date: number;
      let flags: number;
      if (w.from) {
        data = partData(this.buf, w.from);
        ({ method, crc32: crc, uncompressedSize: size, time, date } = w.from);
        flags = (w.from.flags & ~0x8) | (/[^\x20-\x7e]/.test(w.name) ? UTF8_NAME : 0);
      } else {
        data = zlib.deflateRawSync(w.content!);
        method = 8;
        crc = zlib.crc32(w.content!) >>> 0;
        size = w.content!.length;
        ({ time, date } = now);
        flags = /[^\x20-\x7e]/.test(w.name) ? UTF8_NAME : 0;
      }
      if (offset > U32 || data.length >= U32 || size >= U32)
        throw new ZipError("limit", "the package written would need ZIP64, which is not written");
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(20, 4);
      local.writeUInt16LE(flags, 6);
      local.writeUInt16LE(method, 8);
      local.writeUInt16LE(time, 10);
      local.writeUInt16LE(date, 12);
      local.writeUInt32LE(crc >>> 0, 14);
      local.writeUInt32LE(data.length, 18);
      local.writeUInt32LE(size, 22);
      local.writeUInt16LE(name.length, 26);
      const central = Buffer.alloc(46);
      central.writeUInt32LE(0x02014b50, 0);
      central.writeUInt16LE(20, 4);
      central.writeUInt16LE(20, 6);
      central.writeUInt16LE(flags, 8);
      central.writeUInt16LE(method, 10);
      central.writeUInt16LE(time, 12);
      central.writeUInt16LE(date, 14);
      central.writeUInt32LE(crc >>> 0, 16);
      central.writeUInt32LE(data.length, 20);
      central.writeUInt32LE(size, 24);
      central.writeUInt16LE(name.length, 28);
      central.writeUInt32LE(offset, 42);
      locals.push(local, name, data);
      centrals.push(central, name);
      offset += 30 + name.length + data.length;
    }
    const directory = Buffer.concat(centrals);
    if (written.length >= 0xffff || offset + directory.length > U32)
      throw new ZipError("limit", "the package written would need ZIP64, which is not written");
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(written.length, 8);
    end.writeUInt16LE(written.length, 10);
    end.writeUInt32LE(directory.length, 12);
    end.writeUInt32LE(offset, 16);
    return Buffer.concat([...locals, directory, end]);
  }
}

/** MS-DOS time and date (APPNOTE 4.4.6), local time, two-second steps, from 1980. */
function dosTime(d: Date): { time: number; date: number } {
  const year = Math.max(1980, d.getFullYear());
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1),
    date: ((year - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}
