#!/usr/bin/env node
/*
 * Draws the add-in's icons (a small table with a check mark, in Fluent blue) and writes them as
 * PNG files. No dependencies: pixels are rasterised here with 8x8 supersampling and encoded with
 * Node's zlib plus a hand-rolled CRC-32.
 *
 *   node scripts/make-icons.js            # writes into assets/
 *   node scripts/make-icons.js out/dir    # writes somewhere else
 *
 * Output is deterministic for a given Node/zlib, so re-running it on an unchanged script leaves
 * the committed files byte-identical.
 */
"use strict";

const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

const BLUE = [0x0f, 0x6c, 0xbd]; // Fluent "brand" blue #0F6CBD
const WHITE = [0xff, 0xff, 0xff];

/** Files to write: name, pixel size, and whether the glyph sits on a filled blue tile. */
const OUTPUTS = [
  { file: "icon-16.png", size: 16, filled: false },
  { file: "icon-32.png", size: 32, filled: false },
  { file: "icon-64.png", size: 64, filled: false },
  { file: "icon-80.png", size: 80, filled: false },
  { file: "icon-128.png", size: 128, filled: false },
  { file: "logo-filled.png", size: 300, filled: true },
];

// ---------------------------------------------------------------- geometry helpers

function insideRoundRect(x, y, r) {
  if (x < r.x0 || x > r.x1 || y < r.y0 || y > r.y1) return false;
  const cx = Math.min(Math.max(x, r.x0 + r.radius), r.x1 - r.radius);
  const cy = Math.min(Math.max(y, r.y0 + r.radius), r.y1 - r.radius);
  const dx = x - cx;
  const dy = y - cy;
  return dx * dx + dy * dy <= r.radius * r.radius;
}

function inset(r, d) {
  return {
    x0: r.x0 + d,
    y0: r.y0 + d,
    x1: r.x1 - d,
    y1: r.y1 - d,
    radius: Math.max(0, r.radius - d),
  };
}

function distanceToSegment(x, y, a, b) {
  const vx = b[0] - a[0];
  const vy = b[1] - a[1];
  const t = Math.max(0, Math.min(1, ((x - a[0]) * vx + (y - a[1]) * vy) / (vx * vx + vy * vy)));
  const dx = x - (a[0] + t * vx);
  const dy = y - (a[1] + t * vy);
  return Math.sqrt(dx * dx + dy * dy);
}

function nearPolyline(x, y, points, halfWidth) {
  for (let i = 0; i + 1 < points.length; i++) {
    if (distanceToSegment(x, y, points[i], points[i + 1]) <= halfWidth) return true;
  }
  return false;
}

// ---------------------------------------------------------------- the drawing

/**
 * Builds a function (x, y) -> colour | null over unit coordinates [0,1]^2 for one icon size.
 * Stroke widths are chosen in pixels first so that the 16 px icon still gets 1 px lines.
 */
function makeScene(size, filled) {
  const px = 1 / size;
  const ink = filled ? WHITE : BLUE; // lines, header band, check mark
  const paper = filled ? BLUE : WHITE; // table cells and the halo around the check mark

  // On the filled logo the glyph is drawn smaller, inside a blue rounded tile.
  const tile = { x0: 0, y0: 0, x1: 1, y1: 1, radius: 0.18 };
  const scale = filled ? 0.68 : 1;
  const offset = (1 - scale) / 2;
  const u = (v) => offset + v * scale; // glyph units -> image units

  // Edges land on pixel boundaries and thin lines on pixel centres, so small icons stay crisp.
  const edge = (v) => Math.round(v * size) / size;
  const centre = (v, width) =>
    (Math.round(v * size - (width * size) / 2) + (width * size) / 2) / size;
  const lineWidth = (v) => Math.max(1, Math.round(v * size)) / size;

  const table = {
    x0: edge(u(0.08)),
    y0: edge(u(0.14)),
    x1: edge(u(0.92)),
    y1: edge(u(0.86)),
    radius: 0.09 * scale,
  };
  const border = lineWidth(0.065 * scale);
  const grid = lineWidth(0.04 * scale);
  const inner = inset(table, border);
  const headerBottom = edge(u(0.34));
  const columnX = centre(u(0.38), grid);
  const rowYs = (size <= 16 ? [u(0.6)] : [u(0.53), u(0.7)]).map((v) => centre(v, grid));
  const check = [
    [u(0.47), u(0.69)],
    [u(0.62), u(0.84)],
    [u(0.94), u(0.5)],
  ];
  const checkHalf = Math.max(px, 0.065 * scale);
  const haloHalf = checkHalf + Math.max(px, 0.05 * scale);

  return (x, y) => {
    let colour = null;
    if (filled && insideRoundRect(x, y, tile)) colour = BLUE;
    if (insideRoundRect(x, y, table)) {
      colour = ink;
      if (insideRoundRect(x, y, inner) && y > headerBottom) {
        colour = paper;
        const onColumn = Math.abs(x - columnX) <= grid / 2;
        const onRow = rowYs.some((ry) => Math.abs(y - ry) <= grid / 2);
        if (onColumn || onRow) colour = ink;
      }
    }
    if (nearPolyline(x, y, check, haloHalf)) colour = paper;
    if (nearPolyline(x, y, check, checkHalf)) colour = ink;
    return colour;
  };
}

/** Rasterises the scene into straight (non-premultiplied) RGBA bytes. */
function render(size, filled) {
  const scene = makeScene(size, filled);
  const samples = 8;
  const rgba = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let covered = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const c = scene((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size);
          if (c) {
            r += c[0];
            g += c[1];
            b += c[2];
            covered++;
          }
        }
      }
      const o = (py * size + px) * 4;
      if (covered > 0) {
        rgba[o] = Math.round(r / covered);
        rgba[o + 1] = Math.round(g / covered);
        rgba[o + 2] = Math.round(b / covered);
        rgba[o + 3] = Math.round((255 * covered) / (samples * samples));
      }
    }
  }
  return rgba;
}

// ---------------------------------------------------------------- PNG encoding

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes) {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length, 0);
  const typeAndData = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData), 0);
  return Buffer.concat([length, typeAndData, crc]);
}

function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0); // width
  header.writeUInt32BE(size, 4); // height
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: truecolour with alpha
  header[10] = 0; // compression: deflate
  header[11] = 0; // filter method: adaptive
  header[12] = 0; // no interlace

  // Each scanline is prefixed with filter type 0 (None); deflate does the rest.
  const stride = size * 4;
  const raw = Buffer.alloc((stride + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (stride + 1)] = 0;
    rgba.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  }

  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

// ---------------------------------------------------------------- main

function main() {
  const outDir = path.resolve(process.argv[2] || path.join(__dirname, "..", "assets"));
  fs.mkdirSync(outDir, { recursive: true });
  for (const { file, size, filled } of OUTPUTS) {
    const png = encodePng(size, render(size, filled));
    fs.writeFileSync(path.join(outDir, file), png);
    console.log(
      `${path.relative(process.cwd(), path.join(outDir, file))}  ${size}x${size}  ${png.length} bytes`
    );
  }
}

if (require.main === module) main();

module.exports = { encodePng, render, crc32, OUTPUTS };
