// Draws the two icons of the Teams app package and writes them as PNG, with no image library:
//   adapters/teams/app/color.png    192×192, full colour (white page with text lines on the accent colour)
//   adapters/teams/app/outline.png   32×32, white on a transparent background, as Teams requires
// Run: npx tsx scripts/teams-icons.ts   (the PNGs are committed; rerun only to change the drawing)
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

type RGBA = [number, number, number, number];
const ACCENT: RGBA = [0x1f, 0x5f, 0xa8, 255];
const WHITE: RGBA = [255, 255, 255, 255];
const CLEAR: RGBA = [0, 0, 0, 0];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** Encode an RGBA bitmap as a PNG (colour type 6, 8 bits, no filtering). */
function png(size: number, pixel: (x: number, y: number) => RGBA): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    const row = y * (size * 4 + 1);
    for (let x = 0; x < size; x++) raw.set(pixel(x, y), row + 1 + x * 4);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

/** A page with a folded corner and four lines of text, in a unit square [0,1)²: 'page', 'line' or null. */
function page(u: number, v: number, stroke: number): 'edge' | 'line' | 'inside' | null {
  const [l, r, t, b, fold] = [0.22, 0.78, 0.12, 0.88, 0.16];
  if (u < l || u > r || v < t || v > b) return null;
  if (u - (r - fold) > v - t) return null; // the cut-off corner
  const edge = u < l + stroke || u > r - stroke || v < t + stroke || v > b - stroke || Math.abs(u - (r - fold) - (v - t)) < stroke * 0.75;
  if (edge) return 'edge';
  const lines = [0.36, 0.5, 0.64, 0.78];
  if (u > l + 0.1 && u < r - 0.1 && lines.some((y) => Math.abs(v - y) < stroke * 0.6)) return 'line';
  return 'inside';
}

const appDir = fileURLToPath(new URL('../adapters/teams/app/', import.meta.url));

const color = png(192, (x, y) => {
  const p = page((x + 0.5) / 192, (y + 0.5) / 192, 0.03);
  return p === null ? ACCENT : p === 'line' ? ACCENT : WHITE;
});
const outline = png(32, (x, y) => {
  const p = page((x + 0.5) / 32, (y + 0.5) / 32, 0.07);
  return p === 'edge' || p === 'line' ? WHITE : CLEAR;
});
writeFileSync(`${appDir}color.png`, color);
writeFileSync(`${appDir}outline.png`, outline);
console.log(`wrote ${appDir}color.png (${color.length} bytes) and ${appDir}outline.png (${outline.length} bytes)`);
