// Draws the add-in's icons (assets/icon-N.png): a teal rounded square with a white pulse line.
// Run once when the design changes: node scripts/make-icons.js
// icon-outline-32.png is the unified manifest's outline icon: the pulse line alone, white on transparent.
// The ribbon's commands each have their own icon, teal on transparent (cmd-NAME-N.png, 16, 32 and 80 px):
// cmd-pane (a table: the pane inserts tables), cmd-refresh (two arrows in a circle) and cmd-refresh-selection (the
// same arrows around one filled cell: the table at the selection).
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

function crc32(buf) {
  let c;
  const table = [];
  for (let n = 0; n < 256; n++) {
    c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  let crc = 0xffffffff;
  for (const b of buf) crc = table[(crc ^ b) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A PNG (8-bit RGBA, filter 0 on every row) of `size`×`size` pixels from px(x, y) → [r, g, b, a]. */
function png(size, px) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) Buffer.from(px(x, y)).copy(raw, y * (size * 4 + 1) + 1 + x * 4);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8;
  header[9] = 6;
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk("IHDR", header),
    chunk("IDAT", zlib.deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

const TEAL = [0, 120, 130, 255];
const CLEAR = [0, 0, 0, 0];

/** Whether (u, v) is inside the triangle a, b, c. */
function inTriangle(u, v, a, b, c) {
  const side = (p, q) => (q[0] - p[0]) * (v - p[1]) - (q[1] - p[1]) * (u - p[0]);
  const [d1, d2, d3] = [side(a, b), side(b, c), side(c, a)];
  return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
}

/** Two arrows chasing each other round a circle (the refresh sign), in units of the icon's size. */
function refreshArrows(u, v, stroke) {
  const r = 0.34;
  const d = Math.hypot(u - 0.5, v - 0.5);
  const angle = Math.atan2(v - 0.5, u - 0.5); // -pi..pi, 0 at the right, clockwise on screen
  // two arcs, each leaving a gap of 50 degrees before its arrowhead
  const inGap = (a) => (a > -0.2 && a < 0.7) || a > Math.PI - 0.2 || a < -Math.PI + 0.7;
  if (Math.abs(d - r) < stroke && !inGap(angle)) return true;
  const head = (a) => {
    const tip = [0.5 + r * Math.cos(a + 0.55), 0.5 + r * Math.sin(a + 0.55)];
    const base = [0.5 + r * Math.cos(a), 0.5 + r * Math.sin(a)];
    const out = [0.5 + (r + 0.13) * Math.cos(a), 0.5 + (r + 0.13) * Math.sin(a)];
    const inn = [0.5 + (r - 0.13) * Math.cos(a), 0.5 + (r - 0.13) * Math.sin(a)];
    return inTriangle(u, v, tip, out, inn) || Math.hypot(u - base[0], v - base[1]) < stroke;
  };
  return head(-0.2) || head(Math.PI - 0.2);
}

/** A ribbon command's icon: "pane", "refresh" or "refresh-selection". */
function commandIcon(kind, size) {
  const stroke = Math.max(0.05, 0.9 / size);
  return png(size, (x, y) => {
    const u = (x + 0.5) / size;
    const v = (y + 0.5) / size;
    if (kind === "pane") {
      // a table: a frame, a filled header row, two rules across and one down
      const [l, t, r, b] = [0.12, 0.16, 0.88, 0.84];
      if (u < l - stroke || u > r + stroke || v < t - stroke || v > b + stroke) return CLEAR;
      if (v < 0.36) return TEAL;
      const edge = Math.min(Math.abs(u - l), Math.abs(u - r), Math.abs(v - b));
      const rules = Math.min(Math.abs(v - 0.6), Math.abs(u - 0.45));
      return edge < stroke || rules < stroke * 0.8 ? TEAL : CLEAR;
    }
    if (refreshArrows(u, v, stroke)) return TEAL;
    if (kind === "refresh-selection" && Math.abs(u - 0.5) < 0.1 && Math.abs(v - 0.5) < 0.1) return TEAL;
    return CLEAR;
  });
}

function icon(size, outline = false) {
  const px = (x, y) => {
    const u = (x + 0.5) / size;
    const v = (y + 0.5) / size;
    const r = 0.18;
    const dx = Math.max(r - u, 0, u - (1 - r));
    const dy = Math.max(r - v, 0, v - (1 - r));
    if (!outline && dx * dx + dy * dy > r * r) return [0, 0, 0, 0];
    // pulse line: flat, up, down, flat
    const pts = [
      [0.12, 0.55],
      [0.38, 0.55],
      [0.48, 0.25],
      [0.58, 0.78],
      [0.66, 0.55],
      [0.88, 0.55],
    ];
    let d = 1;
    for (let i = 0; i + 1 < pts.length; i++) {
      const [x1, y1] = pts[i];
      const [x2, y2] = pts[i + 1];
      const t = Math.max(
        0,
        Math.min(1, ((u - x1) * (x2 - x1) + (v - y1) * (y2 - y1)) / ((x2 - x1) ** 2 + (y2 - y1) ** 2)),
      );
      d = Math.min(d, Math.hypot(u - (x1 + t * (x2 - x1)), v - (y1 + t * (y2 - y1))));
    }
    if (d < Math.max(0.06, 1.2 / size)) return [255, 255, 255, 255];
    return outline ? [0, 0, 0, 0] : [0, 120, 130, 255];
  };
  return png(size, px);
}

const assets = path.join(__dirname, "..", "assets");
for (const size of [16, 32, 64, 80, 128, 192]) fs.writeFileSync(path.join(assets, `icon-${size}.png`), icon(size));
fs.writeFileSync(path.join(assets, "icon-outline-32.png"), icon(32, true));
for (const kind of ["pane", "refresh", "refresh-selection"])
  for (const size of [16, 32, 80])
    fs.writeFileSync(path.join(assets, `cmd-${kind}-${size}.png`), commandIcon(kind, size));
