import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync, crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { TrayIcon } from '../shared/desktop/tray.js';
import { drawAppIcon, drawTrayIcon, encodePng, TRAY_ICONS, writeIcons, type RgbaImage } from './icons.mjs';

/** Reads back a PNG as encodePng writes it, checking every chunk's CRC on the way. */
function decodePng(file: Buffer): RgbaImage {
  expect([...file.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const chunks = new Map<string, Buffer>();
  for (let offset = 8; offset < file.length; ) {
    const length = file.readUInt32BE(offset);
    const type = file.toString('latin1', offset + 4, offset + 8);
    const body = file.subarray(offset + 8, offset + 8 + length);
    expect(file.readUInt32BE(offset + 8 + length), `${type} CRC`).toBe(crc32(file.subarray(offset + 4, offset + 8 + length)));
    chunks.set(type, body);
    offset += 12 + length;
  }
  const header = chunks.get('IHDR')!;
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  expect([...header.subarray(8)]).toEqual([8, 6, 0, 0, 0]);
  const rows = inflateSync(chunks.get('IDAT')!);
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    expect(rows[y * (width * 4 + 1)]).toBe(0);
    data.set(rows.subarray(y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1)), y * width * 4);
  }
  expect(chunks.has('IEND')).toBe(true);
  return { width, height, data };
}

const pixel = (image: RgbaImage, x: number, y: number): number[] => [...image.data.subarray((y * image.width + x) * 4, (y * image.width + x) * 4 + 4)];

describe('tray and app icons', () => {
  it('has an icon for every state the tray model names', () => {
    // Both ways, at compile time: every name is a TrayIcon, and no TrayIcon lacks a name.
    const names: readonly TrayIcon[] = TRAY_ICONS;
    const complete: [Exclude<TrayIcon, (typeof TRAY_ICONS)[number]>] extends [never] ? true : false = true;
    expect(complete).toBe(true);
    expect(new Set(names).size).toBe(TRAY_ICONS.length);
    expect(() => drawTrayIcon('busy', 16)).toThrow('no tray icon "busy"');
  });

  it('encodes a PNG that decodes to the same pixels', () => {
    const image = drawTrayIcon('ringing', 32);
    expect(decodePng(encodePng(image))).toEqual(image);
  });

  it('tells the states apart by shape, not by colour alone', () => {
    const [idle, ringing, inCall, dnd] = (['idle', 'ringing', 'in-call', 'dnd'] as const).map((icon) => drawTrayIcon(icon, 32));
    // The centre: hollow when idle, filled in a call or ringing, a white bar for do not disturb.
    expect(pixel(idle!, 16, 16)[3]).toBe(0);
    expect(pixel(inCall!, 16, 16)).toEqual([47, 158, 68, 255]);
    expect(pixel(ringing!, 16, 16)).toEqual([240, 140, 0, 255]);
    expect(pixel(dnd!, 16, 16)).toEqual([255, 255, 255, 255]);
    // Between dot and ring, only the ringing icon is clear; the corners are clear in all.
    expect(pixel(ringing!, 16, 4)[3]).toBe(0);
    expect(pixel(inCall!, 16, 4)[3]).toBe(255);
    for (const icon of [idle, ringing, inCall, dnd]) expect(pixel(icon!, 0, 0)[3]).toBe(0);
  });

  it('smooths edges: a pixel on the rim is partly covered', () => {
    const rim = drawTrayIcon('in-call', 16).data.filter((_, index) => index % 4 === 3);
    expect(rim.some((alpha) => alpha > 0 && alpha < 255)).toBe(true);
  });

  it('draws a 512 px app icon on an opaque rounded tile', () => {
    const icon = drawAppIcon(512);
    expect(pixel(icon, 256, 40)).toEqual([28, 126, 214, 255]);
    expect(pixel(icon, 2, 2)[3]).toBe(0);
  });

  it('writes every file the app and electron-builder look for', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'switchboard-icons-'));
    try {
      const written = await writeIcons(dir);
      expect((await readdir(dir)).sort()).toEqual([...written].sort());
      expect(written).toContain('icon.png');
      for (const icon of TRAY_ICONS) expect(written).toEqual(expect.arrayContaining([`tray-${icon}.png`, `tray-${icon}@2x.png`]));
      expect(decodePng(await readFile(join(dir, 'tray-dnd@2x.png')))).toMatchObject({ width: 32, height: 32 });
      expect(decodePng(await readFile(join(dir, 'icon.png')))).toMatchObject({ width: 512, height: 512 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
