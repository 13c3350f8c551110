/**
 * Workbook files on disk for `npm run portable`: reading an .xlsx that may be anything (a text file, a truncated
 * or hostile zip) as a package to patch (workbook-package.ts) with a message that names the file and says what is wrong, and writing one so that
 * a failure part-way (a full disk) never leaves a truncated file where a good one was.
 */
import crypto from "crypto";
import fs from "fs";
import path from "path";
import { PackageError, WorkbookPackage } from "./workbook-package";
import { byteSize, checkInflatedSizes, readZipDirectory, ZipError, type ZipLimits } from "./zip-directory";
import { ZipPackage } from "./zip-package";

/**
 * What a workbook file may inflate to. 1 GB in all; one part (a sheet's XML, an image) 256 MB, past which
 * Node could not hold it as text anyway (V8 strings stop near 512 MB); 20,000 parts (a sheet is two or three).
 */
export const WORKBOOK_LIMITS: ZipLimits = { maxTotalBytes: 1e9, maxPartBytes: 256e6, maxParts: 20000 };

/** A workbook file that cannot be read or written; the message names the file and says why. */
export class WorkbookFileError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
    readonly action: "read" | "write" = "read",
  ) {
    super(`${file}: ${reason}`);
  }
}

const NOT_XLSX = "not an .xlsx workbook";
const DAMAGED = "the file is damaged";

/** What a failed file operation means, in words (the codes of Node's fs errors). */
function fsReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  switch (code) {
    case "ENOENT":
      return "not found";
    case "EISDIR":
      return "is a directory";
    case "ENOTDIR":
      return "a folder on its path is a file";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "ENOSPC":
    case "EDQUOT":
      return "the disk is full";
    case "EROFS":
      return "the file system is read-only";
    case "EIO":
      return "the disk reported an input/output error";
    default:
      return code ? `the system refused (${code})` : String((e as Error)?.message ?? e);
  }
}

/** The first bytes of an OLE compound file: a password-protected .xlsx, or an old .xls. */
const COMPOUND_FILE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/** Checks a file's bytes as an .xlsx package without inflating it past the limits; the reason, or undefined. */
function packageProblem(buf: Buffer, limits: ZipLimits): string | undefined {
  if (buf.subarray(0, 8).equals(COMPOUND_FILE))
    return `${NOT_XLSX} (it is password-protected or an old .xls file; save it as an .xlsx without a password)`;
  const zip = buf.length >= 4 && buf.readUInt32LE(0) === 0x04034b50;
  const emptyZip = buf.length >= 4 && buf.readUInt32LE(0) === 0x06054b50;
  if (!zip && !emptyZip) return `${NOT_XLSX} (it is not a zip package)`;
  try {
    const parts = readZipDirectory(buf, limits);
    if (!parts.some((p) => p.name.replace(/^\//, "") === "xl/workbook.xml"))
      return `${NOT_XLSX} (the package has no xl/workbook.xml)`;
    checkInflatedSizes(buf, parts);
  } catch (e) {
    if (!(e instanceof ZipError)) throw e;
    if (e.kind === "limit") return `refused: ${e.message}`;
    if (e.kind === "unsupported") return `${NOT_XLSX} (${e.message})`;
    return `${DAMAGED} (${e.message})`;
  }
  return undefined;
}

/**
 * Reads an .xlsx (or .xlsm) file as a package to patch. Throws WorkbookFileError: "not found", "is a directory",
 * "not an .xlsx workbook" (a text file, a zip without xl/workbook.xml, an encrypted workbook), "the file is
 * damaged" (a broken or truncated zip, parts that do not inflate as declared, a workbook part that is not XML), or
 * "refused" over a limit.
 */
export function readWorkbookFile(file: string, limits: ZipLimits = WORKBOOK_LIMITS): WorkbookPackage {
  let buf: Buffer;
  try {
    const stat = fs.statSync(file);
    if (stat.isDirectory()) throw new WorkbookFileError(file, "is a directory");
    if (!stat.isFile()) throw new WorkbookFileError(file, "is not a regular file");
    if (stat.size > limits.maxTotalBytes)
      throw new WorkbookFileError(file, `refused: it is over the limit of ${byteSize(limits.maxTotalBytes)}`);
    buf = fs.readFileSync(file);
  } catch (e) {
    if (e instanceof WorkbookFileError) throw e;
    throw new WorkbookFileError(file, fsReason(e));
  }
  return openWorkbook(buf, file, limits);
}

/** A workbook's bytes as a package to patch, checked as readWorkbookFile checks a file (`file` names it in errors). */
export function openWorkbook(buf: Buffer, file: string, limits: ZipLimits = WORKBOOK_LIMITS): WorkbookPackage {
  const problem = packageProblem(buf, limits);
  if (problem) throw new WorkbookFileError(file, problem);
  try {
    return new WorkbookPackage(new ZipPackage(buf, readZipDirectory(buf, limits)));
  } catch (e) {
    throw packageFailure(file, e);
  }
}

/** What a package that cannot be patched means for its file: damaged, or not a workbook this command reads. */
export function packageFailure(file: string, e: unknown): unknown {
  if (e instanceof PackageError)
    return new WorkbookFileError(file, `${e.unsupported ? NOT_XLSX : DAMAGED} (${e.message})`);
  if (e instanceof ZipError) return new WorkbookFileError(file, `${DAMAGED} (${e.message})`);
  return e;
}

/** Whether two paths name the same file: the same real path, or the same device and inode (a hard link). */
export function sameFile(a: string, b: string): boolean {
  try {
    if (fs.realpathSync(a) === fs.realpathSync(b)) return true;
    const [sa, sb] = [fs.statSync(a), fs.statSync(b)];
    return sa.dev === sb.dev && sa.ino === sb.ino && sa.ino !== 0;
  } catch {
    return false; // one of them does not exist
  }
}

/** Writes all of data to an open file descriptor; the step that a full disk interrupts. */
export type FileWriter = (fd: number, data: Uint8Array) => void;

export const writeAll: FileWriter = (fd, data) => {
  for (let done = 0; done < data.length;) done += fs.writeSync(fd, data, done, data.length - done);
};

/**
 * Replaces `target` with `data` atomically: writes a temporary file beside it (same folder, unique name),
 * flushes it to disk (fsync), then renames it over the target. On any failure the temporary file is removed and
 * the target is as it was (or still absent). A symbolic link as target is followed: the file it names is
 * replaced. The new file keeps an existing target's permission bits. Returns the path written.
 */
export function writeFileAtomically(target: string, data: Uint8Array, write: FileWriter = writeAll): string {
  let real = path.resolve(target);
  try {
    real = fs.realpathSync(real);
  } catch {
    // no file there yet: written as named
  }
  let existing: fs.Stats | undefined;
  try {
    existing = fs.statSync(real);
  } catch {
    existing = undefined;
  }
  if (existing?.isDirectory()) throw new WorkbookFileError(target, "is a directory", "write");
  const dir = path.dirname(real);
  const temp = path.join(dir, `.${path.basename(real)}.${process.pid}-${crypto.randomBytes(6).toString("hex")}.tmp`);
  let fd: number | undefined;
  try {
    fs.mkdirSync(dir, { recursive: true });
    fd = fs.openSync(temp, "wx", 0o666);
    if (existing) fs.fchmodSync(fd, existing.mode & 0o7777);
    write(fd, data);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(temp, real);
  } catch (e) {
    if (fd !== undefined) closeQuietly(fd);
    removeQuietly(temp);
    const kept = existing ? `${target} is as it was` : "nothing was written";
    throw new WorkbookFileError(target, `${fsReason(e)}; ${kept}`, "write");
  }
  syncDirectory(dir);
  return real;
}

// after a failed write: that failure is the error to report
function closeQuietly(fd: number): void {
  try {
    fs.closeSync(fd);
  } catch {
    // already reported
  }
}

function removeQuietly(file: string): void {
  try {
    fs.rmSync(file, { force: true });
  } catch {
    // no folder to hold it: nothing was created
  }
}

/** Flushes a folder's entry for a renamed file (POSIX); not possible on Windows, where rename is durable. */
function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, "r");
    fs.fsyncSync(fd);
  } catch {
    // best effort
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
