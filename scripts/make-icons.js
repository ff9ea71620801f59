#!/usr/bin/env node
/**
 * Draws the add-in's ribbon and store icons (assets/icon-16/32/64/80/128.png): a green rounded tile
 * holding a white ledger page. Plain RGBA PNGs written with zlib; 4x supersampling for smooth edges.
 */
const fs = require("node:fs");
const path = require("node:path");
const zlib = require("node:zlib");

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png(size, pixel) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel(x, y);
      const at = y * (size * 4 + 1) + 1 + x * 4;
      raw[at] = r;
      raw[at + 1] = g;
      raw[at + 2] = b;
      raw[at + 3] = a;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

const GREEN = [16, 124, 65];
const WHITE = [255, 255, 255];
const ACCENT = [254, 44, 85]; // TikTok-ish red for the tick

/** Colour at a point of the unit square, or null for transparent. */
function shade(u, v) {
  const radius = 0.2;
  const cx = Math.min(Math.max(u, radius), 1 - radius);
  const cy = Math.min(Math.max(v, radius), 1 - radius);
  if ((u - cx) ** 2 + (v - cy) ** 2 > radius ** 2) return null;
  const inPage = u > 0.24 && u < 0.76 && v > 0.18 && v < 0.82;
  if (!inPage) return GREEN;
  for (const line of [0.34, 0.5, 0.66]) if (v > line - 0.04 && v < line + 0.04 && u > 0.32 && u < 0.68) return line === 0.66 ? ACCENT : GREEN;
  return WHITE;
}

function pixelAt(size) {
  const samples = 4;
  return (x, y) => {
    let r = 0;
    let g = 0;
    let b = 0;
    let covered = 0;
    for (let sy = 0; sy < samples; sy++) {
      for (let sx = 0; sx < samples; sx++) {
        const colour = shade((x + (sx + 0.5) / samples) / size, (y + (sy + 0.5) / samples) / size);
        if (!colour) continue;
        r += colour[0];
        g += colour[1];
        b += colour[2];
        covered++;
      }
    }
    if (covered === 0) return [0, 0, 0, 0];
    return [Math.round(r / covered), Math.round(g / covered), Math.round(b / covered), Math.round((255 * covered) / samples ** 2)];
  };
}

const out = path.resolve(__dirname, "..", "assets");
fs.mkdirSync(out, { recursive: true });
for (const size of [16, 32, 64, 80, 128]) {
  fs.writeFileSync(path.join(out, `icon-${size}.png`), png(size, pixelAt(size)));
}
console.log(`Icons written to ${out}`);
