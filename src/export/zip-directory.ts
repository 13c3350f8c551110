/**
 * The central directory of a zip package (an .xlsx file is one), read without inflating anything: the parts'
 * names and declared sizes, so that a package that would inflate past a limit is refused before it is inflated.
 * Declared sizes can lie, so `checkInflatedSizes` then inflates each part on its own with the declared size as a
 * hard cap (zlib's maxOutputLength) and checks size and CRC-32 before anything else reads the package.
 * Format: PKWARE's APPNOTE.TXT (4.3.12 central directory header, 4.3.14-16 ZIP64 records, 4.4 fields,
 * 4.5.3 ZIP64 extra field).
 */
import zlib from "zlib";

export interface ZipPart {
  name: string;
  /** general purpose bit flag (bit 0: encrypted) */
  flags: number;
  /** 0 stored, 8 deflated */
  method: number;
  crc32: number;
  compressedSize: number;
  /** what the directory declares; checked against the data by checkInflatedSizes */
  uncompressedSize: number;
  localHeaderOffset: number;
  /** last modified, as MS-DOS time and date (APPNOTE 4.4.6) */
  time: number;
  date: number;
}

/** Why a package is refused: damaged (cannot be read as a zip) or over a limit. */
export class ZipError extends Error {
  constructor(
    readonly kind: "damaged" | "limit" | "unsupported",
    message: string,
  ) {
    super(message);
  }
}

export interface ZipLimits {
  /** the sum of the parts' inflated sizes, bytes */
  maxTotalBytes: number;
  /** one part's inflated size, bytes */
  maxPartBytes: number;
  /** how many parts (entries) the package may hold */
  maxParts: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const U16 = 0xffff;
const U32 = 0xffffffff;

const damaged = (why: string) => new ZipError("damaged", why);

function u64(buf: Buffer, at: number): number {
  const v = buf.readBigUInt64LE(at);
  return v > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(v);
}

/** Bytes as people read them: "1 GB", "256 MB", "3.2 GB". */
export function byteSize(bytes: number): string {
  const [unit, scale] = bytes >= 1e9 ? ["GB", 1e9] : ["MB", 1e6];
  return `${Number((bytes / scale).toPrecision(3)).toLocaleString("en-US")} ${unit}`;
}

/** Where the end-of-central-directory record starts: the last signature within the final 64 KiB + 22 bytes. */
function findEndRecord(buf: Buffer): number {
  const lowest = Math.max(0, buf.length - 22 - U16);
  for (let at = buf.length - 22; at >= lowest; at--) {
    if (buf.readUInt32LE(at) === EOCD && at + 22 + buf.readUInt16LE(at + 20) === buf.length) return at;
  }
  return -1;
}

/**
 * The parts of a zip package as its central directory declares them, checked against the limits before any
 * part is inflated. Throws ZipError: "damaged" when the directory is missing (a truncated file) or inconsistent,
 * "limit" when the declared count or sizes are over the limits.
 */
export function readZipDirectory(buf: Buffer, limits: ZipLimits): ZipPart[] {
  const end = buf.length >= 22 ? findEndRecord(buf) : -1;
  if (end < 0) throw damaged("its zip directory is missing, as in a file cut short");
  let count = buf.readUInt16LE(end + 10);
  let size = buf.readUInt32LE(end + 12);
  let offset = buf.readUInt32LE(end + 16);
  let directoryEnd = end;
  if (buf.readUInt16LE(end + 4) !== 0 || buf.readUInt16LE(end + 6) !== 0)
    throw new ZipError("unsupported", "it is a zip split over several files");
  if (count === U16 || size === U32 || offset === U32) {
    const locator = end - 20;
    if (locator < 0 || buf.readUInt32LE(locator) !== ZIP64_LOCATOR) throw damaged("its ZIP64 directory is missing");
    const at = u64(buf, locator + 8);
    if (at + 56 > locator || buf.readUInt32LE(at) !== ZIP64_EOCD) throw damaged("its ZIP64 directory is misplaced");
    count = u64(buf, at + 32);
    size = u64(buf, at + 40);
    offset = u64(buf, at + 48);
    directoryEnd = at;
  }
  if (count > limits.maxParts)
    throw new ZipError("limit", `it has ${count.toLocaleString("en-US")} parts, over the limit of ${limits.maxParts}`);
  if (offset + size !== directoryEnd || count * 46 > size)
    throw damaged("its zip directory does not match the file's length");

  const parts: ZipPart[] = [];
  let total = 0;
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > directoryEnd || buf.readUInt32LE(at) !== CENTRAL) throw damaged("its zip directory is broken");
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const next = at + 46 + nameLength + extraLength + buf.readUInt16LE(at + 32);
    if (next > directoryEnd) throw damaged("its zip directory is broken");
    const part: ZipPart = {
      name: buf.toString("utf8", at + 46, at + 46 + nameLength),
      flags: buf.readUInt16LE(at + 8),
      method: buf.readUInt16LE(at + 10),
      crc32: buf.readUInt32LE(at + 16),
      compressedSize: buf.readUInt32LE(at + 20),
      uncompressedSize: buf.readUInt32LE(at + 24),
      localHeaderOffset: buf.readUInt32LE(at + 42),
      time: buf.readUInt16LE(at + 12),
      date: buf.readUInt16LE(at + 14),
    };
    readZip64Extra(buf, at + 46 + nameLength, extraLength, part);
    if (part.uncompressedSize > limits.maxPartBytes)
      throw new ZipError(
        "limit",
        `its part ${part.name} would inflate to ${byteSize(part.uncompressedSize)}, over the limit of ${byteSize(limits.maxPartBytes)} a part`,
      );
    total += part.uncompressedSize;
    if (total > limits.maxTotalBytes)
      throw new ZipError(
        "limit",
        `it would inflate to at least ${byteSize(total)}, over the limit of ${byteSize(limits.maxTotalBytes)}`,
      );
    if (part.localHeaderOffset + 30 + part.compressedSize > offset)
      throw damaged(`its part ${part.name} lies outside the file`);
    parts.push(part);
    at = next;
  }
  return parts;
}

/** The ZIP64 extended information extra field (id 1): 64-bit values for the fields that hold 0xFFFFFFFF. */
function readZip64Extra(buf: Buffer, start: number, length: number, part: ZipPart): void {
  const wanted = [part.uncompressedSize, part.compressedSize, part.localHeaderOffset].some((v) => v === U32);
  if (!wanted) return;
  for (let at = start; at + 4 <= start + length;) {
    const id = buf.readUInt16LE(at);
    const size = buf.readUInt16LE(at + 2);
    if (id === 1) {
      let p = at + 4;
      const take = (): number => {
        if (p + 8 > at + 4 + size) throw damaged("its ZIP64 sizes are missing");
        const v = u64(buf, p);
        p += 8;
        return v;
      };
      if (part.uncompressedSize === U32) part.uncompressedSize = take();
      if (part.compressedSize === U32) part.compressedSize = take();
      if (part.localHeaderOffset === U32) part.localHeaderOffset = take();
      return;
    }
    at += 4 + size;
  }
  throw damaged("its ZIP64 sizes are missing");
}

/** The compressed bytes of a part: after its local header, whose name and extra field lengths may differ. */
export function partData(buf: Buffer, part: ZipPart): Buffer {
  const at = part.localHeaderOffset;
  if (at + 30 > buf.length || buf.readUInt32LE(at) !== LOCAL) throw damaged(`its part ${part.name} is broken`);
  const start = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
  if (start + part.compressedSize > buf.length) throw damaged(`its part ${part.name} is cut short`);
  return buf.subarray(start, start + part.compressedSize);
}

/**
 * Inflates every part once, each capped at its declared size, and checks the size and CRC-32: a package whose
 * declared sizes lie is refused here, before anything inflates it without a cap. Memory: one part at a time.
 */
export function checkInflatedSizes(buf: Buffer, parts: ZipPart[]): void {
  for (const part of parts) {
    if (part.flags & 1) throw new ZipError("unsupported", `its part ${part.name} is encrypted`);
    const data = partData(buf, part);
    let inflated: Buffer;
    if (part.method === 0) {
      inflated = data;
    } else if (part.method === 8) {
      try {
        inflated = zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, part.uncompressedSize) });
      } catch (e) {
        const over = e instanceof RangeError || (e as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE";
        throw damaged(
          over
            ? `its part ${part.name} inflates to more than the ${part.uncompressedSize} bytes it declares`
            : `its part ${part.name} cannot be inflated`,
        );
      }
    } else {
      throw new ZipError("unsupported", `its part ${part.name} uses zip compression method ${part.method}`);
    }
    if (inflated.length !== part.uncompressedSize)
      throw damaged(`its part ${part.name} does not have the size it declares`);
    if (zlib.crc32(inflated) >>> 0 !== part.crc32 >>> 0)
      throw damaged(`its part ${part.name} fails its checksum (CRC-32)`);
  }
}
