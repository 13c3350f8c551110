/**
 * A scanner for the XML parts of an .xlsx package, for patching them in place: every tag with its place in the
 * text, so that an edit replaces one element's characters and leaves every other character as it was. It reads
 * untrusted files, so it walks the text once, left to right, with indexOf and character tests (no regular
 * expression, no backtracking: linear in the part's length), checks that tags nest, and refuses a document type
 * declaration (and with it every entity but XML's five and character references), so no entity can expand.
 */

/** A part that is not XML the scanner accepts; the message says why. */
export class XmlError extends Error {}

export interface XmlAttribute {
  /** the qualified name ("r", "r:id", "xmlns:x") */
  name: string;
  /** the value as written, entities not yet decoded */
  raw: string;
}

export interface XmlTag {
  kind: "open" | "close" | "empty";
  /** the qualified name as written ("x:c"); localName drops the prefix */
  name: string;
  /** [start, end) of the tag in the text, from "<" to after ">" */
  start: number;
  end: number;
  attributes: XmlAttribute[];
  /** how many elements enclose it (the root element is at depth 0) */
  depth: number;
}

/** A name without its namespace prefix: "x:c" is "c". */
export const localName = (name: string): string => name.slice(name.indexOf(":") + 1);

/** The prefix of a qualified name with its colon ("x:" for "x:c"), or "" for none. */
export const prefixOf = (name: string): string => name.slice(0, name.indexOf(":") + 1);

const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

/** Where a name ends: at a space, "/", ">", "=", "<" or the end of the text. */
function nameEnd(xml: string, at: number): number {
  let i = at;
  while (i < xml.length) {
    const c = xml.charCodeAt(i);
    if (isSpace(c) || c === 0x2f || c === 0x3e || c === 0x3d || c === 0x3c) break;
    i++;
  }
  return i;
}

function skipSpace(xml: string, at: number): number {
  let i = at;
  while (i < xml.length && isSpace(xml.charCodeAt(i))) i++;
  return i;
}

function closing(xml: string, from: number, marker: string, what: string): number {
  const at = xml.indexOf(marker, from);
  if (at < 0) throw new XmlError(`${what} is not closed`);
  return at + marker.length;
}

/**
 * Calls `visit` with every tag in text order. Comments, processing instructions and CDATA sections are passed
 * over; a document type declaration is refused, as is a close tag that does not match its open tag.
 */
export function scanTags(xml: string, visit: (tag: XmlTag) => void): void {
  const open: string[] = [];
  let i = 0;
  for (;;) {
    const lt = xml.indexOf("<", i);
    if (lt < 0) break;
    if (xml.startsWith("<!--", lt)) {
      i = closing(xml, lt + 4, "-->", "a comment");
      continue;
    }
    if (xml.startsWith("<![CDATA[", lt)) {
      i = closing(xml, lt + 9, "]]>", "a CDATA section");
      continue;
    }
    if (xml.startsWith("<!", lt)) throw new XmlError("it declares a document type or entities, which are refused");
    if (xml.startsWith("<?", lt)) {
      i = closing(xml, lt + 2, "?>", "a processing instruction");
      continue;
    }
    if (xml.startsWith("</", lt)) {
      const end = nameEnd(xml, lt + 2);
      const name = xml.slice(lt + 2, end);
      const gt = skipSpace(xml, end);
      if (xml.charCodeAt(gt) !== 0x3e) throw new XmlError(`the close tag of ${name || "an element"} is broken`);
      if (open.pop() !== name) throw new XmlError(`the close tag ${name} does not match its element`);
      visit({ kind: "close", name, start: lt, end: gt + 1, attributes: [], depth: open.length });
      i = gt + 1;
      continue;
    }
    const end = nameEnd(xml, lt + 1);
    const name = xml.slice(lt + 1, end);
    if (!name) throw new XmlError("a tag has no name");
    const attributes: XmlAttribute[] = [];
    let at = end;
    for (;;) {
      at = skipSpace(xml, at);
      const c = xml.charCodeAt(at);
      if (c === 0x3e) {
        visit({ kind: "open", name, start: lt, end: at + 1, attributes, depth: open.length });
        open.push(name);
        i = at + 1;
        break;
      }
      if (c === 0x2f && xml.charCodeAt(at + 1) === 0x3e) {
        visit({ kind: "empty", name, start: lt, end: at + 2, attributes, depth: open.length });
        i = at + 2;
        break;
      }
      const attrEnd = nameEnd(xml, at);
      const attr = xml.slice(at, attrEnd);
      at = skipSpace(xml, attrEnd);
      if (!attr || xml.charCodeAt(at) !== 0x3d) throw new XmlError(`the tag ${name} is broken`);
      at = skipSpace(xml, at + 1);
      const quote = xml[at];
      if (quote !== '"' && quote !== "'") throw new XmlError(`the tag ${name} is broken`);
      const close = xml.indexOf(quote, at + 1);
      if (close < 0) throw new XmlError(`the tag ${name} is not closed`);
      const raw = xml.slice(at + 1, close);
      if (raw.includes("<")) throw new XmlError(`the tag ${name} is broken`);
      attributes.push({ name: attr, raw });
      at = close + 1;
    }
  }
  if (open.length) throw new XmlError(`the element ${open[open.length - 1]} is not closed`);
}

/** An attribute's decoded value by qualified name, or undefined. */
export function attribute(tag: Pick<XmlTag, "attributes">, name: string): string | undefined {
  const a = tag.attributes.find((x) => x.name === name);
  return a === undefined ? undefined : decodeXml(a.raw);
}

const NAMED = new Map([
  ["amp", "&"],
  ["lt", "<"],
  ["gt", ">"],
  ["quot", '"'],
  ["apos", "'"],
]);

/** Text or an attribute value with XML's five entities and character references decoded; others are refused. */
export function decodeXml(raw: string): string {
  let amp = raw.indexOf("&");
  if (amp < 0) return raw;
  let out = "";
  let at = 0;
  while (amp >= 0) {
    const semi = raw.indexOf(";", amp);
    if (semi < 0 || semi - amp > 12) throw new XmlError("an entity reference is broken");
    const ref = raw.slice(amp + 1, semi);
    let ch = NAMED.get(ref);
    if (ch === undefined && ref.startsWith("#")) {
      const hex = ref[1] === "x" || ref[1] === "X";
      const digits = ref.slice(hex ? 2 : 1);
      const ok = digits.length > 0 && [...digits].every((d) => (hex ? /^[\da-f]$/i.test(d) : d >= "0" && d <= "9"));
      const code = ok ? parseInt(digits, hex ? 16 : 10) : NaN;
      if (!(code >= 1 && code <= 0x10ffff)) throw new XmlError("a character reference is out of range");
      ch = String.fromCodePoint(code);
    }
    if (ch === undefined) throw new XmlError(`the entity &${ref.slice(0, 20)}; is not one of XML's own`);
    out += raw.slice(at, amp) + ch;
    at = semi + 1;
    amp = raw.indexOf("&", at);
  }
  return out + raw.slice(at);
}

/** The text between an element's tags: character data with entities decoded and CDATA sections taken as they are. */
export function elementText(xml: string, from: number, to: number): string {
  let out = "";
  let at = from;
  for (;;) {
    const lt = xml.indexOf("<", at);
    if (lt < 0 || lt >= to) return out + decodeXml(xml.slice(at, to));
    out += decodeXml(xml.slice(at, lt));
    if (xml.startsWith("<![CDATA[", lt)) {
      const end = xml.indexOf("]]>", lt + 9);
      out += xml.slice(lt + 9, end);
      at = end + 3;
    } else if (xml.startsWith("<!--", lt)) at = xml.indexOf("-->", lt + 4) + 3;
    else if (xml.startsWith("<?", lt)) at = xml.indexOf("?>", lt + 2) + 2;
    else throw new XmlError("an element holds markup where text belongs");
  }
}

/** Text for XML element content: & < > escaped, and a carriage return as a reference (a parser would drop it). */
export function escapeText(text: string): string {
  let out = "";
  for (const ch of text) {
    out += ch === "&" ? "&amp;" : ch === "<" ? "&lt;" : ch === ">" ? "&gt;" : ch === "\r" ? "&#13;" : ch;
  }
  return out;
}

/** Text for a double-quoted attribute value: also " and the white space a parser would turn into spaces. */
export function escapeAttribute(text: string): string {
  let out = "";
  for (const ch of escapeText(text)) {
    out += ch === '"' ? "&quot;" : ch === "\n" ? "&#10;" : ch === "\t" ? "&#9;" : ch;
  }
  return out;
}

/** A text with edits applied: each replaces [start, end) of the original; edits must not overlap. */
export function spliced(text: string, edits: ReadonlyArray<{ start: number; end: number; text: string }>): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = "";
  let at = 0;
  for (const e of sorted) {
    if (e.start < at) throw new Error("overlapping edits");
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + text.slice(at);
}
