// Draws the add-in's icons (assets/icon-N.png): a teal rounded square with a white pulse line.
// Run once when the design changes: node scripts/make-icons.js
// icon-outline-32.png is the unified manifest's outline icon: the pulse line alone, white on transparent.
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

const assets = path.join(__dirname, "..", "assets");
for (const size of [16, 32, 64, 80, 128, 192]) fs.writeFileSync(path.join(assets, `icon-${size}.png`), icon(size));
fs.writeFileSync(path.join(assets, "icon-outline-32.png"), icon(32, true));
