/**
 * The app's icons, drawn here rather than kept as binaries: the tray's four states (16 px, and
 * 32 px as @2x for high-DPI displays) and the 512 px app icon that electron-builder turns into
 * each platform's format. scripts/build-desktop.mjs writes them to out/icons/. Types in
 * icons.d.mts.
 *
 * The tray states differ in shape as well as colour, for people who cannot tell the colours
 * apart: idle is a ring, in a call a dot, ringing a dot in a ring, do not disturb a barred dot.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';

export const TRAY_ICONS = ['idle', 'ringing', 'in-call', 'dnd'];

const GREY = [138, 148, 166, 255];
const GREEN = [47, 158, 68, 255];
const AMBER = [240, 140, 0, 255];
const RED = [224, 49, 49, 255];
const WHITE = [255, 255, 255, 255];
const BLUE = [28, 126, 214, 255];

// Shapes are tests on a point (x, y) in the unit square, which is the whole icon.
const circle = (cx, cy, r) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const ring = (cx, cy, outer, inner) => (x, y) => circle(cx, cy, outer)(x, y) && !circle(cx, cy, inner)(x, y);
const roundedRect = (left, top, right, bottom, radius) => (x, y) => {
  if (x < left || x > right || y < top || y > bottom) return false;
  const nx = Math.min(Math.max(x, left + radius), right - radius);
  const ny = Math.min(Math.max(y, top + radius), bottom - radius);
  return (x - nx) ** 2 + (y - ny) ** 2 <= radius * radius;
};

const TRAY_LAYERS = {
  idle: [{ color: GREY, shape: ring(0.5, 0.5, 0.44, 0.28) }],
  'in-call': [{ color: GREEN, shape: circle(0.5, 0.5, 0.44) }],
  ringing: [
    { color: AMBER, shape: ring(0.5, 0.5, 0.48, 0.38) },
    { color: AMBER, shape: circle(0.5, 0.5, 0.28) },
  ],
  dnd: [
    { color: RED, shape: circle(0.5, 0.5, 0.46) },
    { color: WHITE, shape: roundedRect(0.24, 0.42, 0.76, 0.58, 0.04) },
  ],
};

/** Three cards stacked on a blue tile: the incoming-call stack the app is built around. */
const APP_LAYERS = [
  { color: BLUE, shape: roundedRect(0.04, 0.04, 0.96, 0.96, 0.2) },
  { color: [255, 255, 255, 110], shape: roundedRect(0.3, 0.2, 0.82, 0.4, 0.05) },
  { color: [255, 255, 255, 170], shape: roundedRect(0.24, 0.36, 0.76, 0.56, 0.05) },
  { color: WHITE, shape: roundedRect(0.18, 0.52, 0.7, 0.8, 0.05) },
  { color: GREEN, shape: circle(0.6, 0.66, 0.06) },
];

/** 4 × 4 samples a pixel: smooth edges at 16 px as at 512. */
const SAMPLES = 4;

function draw(size, layers) {
  const data = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      // Straight-alpha "over", averaged across the samples.
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const x = (px + (sx + 0.5) / SAMPLES) / size;
          const y = (py + (sy + 0.5) / SAMPLES) / size;
          let cr = 0, cg = 0, cb = 0, ca = 0;
          for (const { color, shape } of layers) {
            if (!shape(x, y)) continue;
            const alpha = color[3] / 255;
            cr = color[0] * alpha + cr * (1 - alpha);
            cg = color[1] * alpha + cg * (1 - alpha);
            cb = color[2] * alpha + cb * (1 - alpha);
            ca = alpha + ca * (1 - alpha);
          }
          r += cr; g += cg; b += cb; a += ca;
        }
      }
      const offset = (py * size + px) * 4;
      const n = SAMPLES * SAMPLES;
      // r, g, b were summed premultiplied; a pixel stores them straight.
      data[offset] = a === 0 ? 0 : Math.round(r / a);
      data[offset + 1] = a === 0 ? 0 : Math.round(g / a);
      data[offset + 2] = a === 0 ? 0 : Math.round(b / a);
      data[offset + 3] = Math.round((a / n) * 255);
    }
  }
  return { width: size, height: size, data };
}

export function drawTrayIcon(icon, size) {
  const layers = TRAY_LAYERS[icon];
  if (!layers) throw new Error(`no tray icon "${icon}"; there are ${TRAY_ICONS.join(', ')}`);
  return draw(size, layers);
}

export function drawAppIcon(size) {
  return draw(size, APP_LAYERS);
}

function chunk(type, body) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])), 0);
  return Buffer.concat([head, body, crc]);
}

/** An RGBA image as a PNG file: 8 bits a channel, no filtering, one IDAT chunk. */
export function encodePng({ width, height, data }) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // bit depth 8, colour type RGBA, deflate, no filter method, no interlace
  const rows = Buffer.alloc(height * (width * 4 + 1));
  for (let y = 0; y < height; y++) {
    rows[y * (width * 4 + 1)] = 0; // filter: none
    rows.set(data.subarray(y * width * 4, (y + 1) * width * 4), y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Writes every icon into `dir`; returns the file names. */
export async function writeIcons(dir) {
  await mkdir(dir, { recursive: true });
  const files = [['icon.png', drawAppIcon(512)]];
  for (const icon of TRAY_ICONS) {
    files.push([`tray-${icon}.png`, drawTrayIcon(icon, 16)], [`tray-${icon}@2x.png`, drawTrayIcon(icon, 32)]);
  }
  await Promise.all(files.map(([name, image]) => writeFile(join(dir, name), encodePng(image))));
  return files.map(([name]) => name);
}
