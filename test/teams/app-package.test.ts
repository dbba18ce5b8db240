import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { inflateSync } from 'node:zlib';
import AdmZip from 'adm-zip';
import { describe, expect, it } from 'vitest';
import { buildTeamsPackage } from '../../adapters/teams/app-package.js';

const APP_ID = '6a1b7c2d-0000-4000-8000-000000000b07';
const ROOT = new URL('../../', import.meta.url).pathname;

/** Decode a PNG as written by scripts/teams-icons.ts (8-bit RGBA, filter 0 rows). */
function decodePng(buf: Buffer): { width: number; height: number; colorType: number; pixels: number[][] } {
  expect(buf.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let at = 8;
  let ihdr: Buffer | undefined;
  const idat: Buffer[] = [];
  while (at < buf.length) {
    const len = buf.readUInt32BE(at);
    const type = buf.toString('ascii', at + 4, at + 8);
    const data = buf.subarray(at + 8, at + 8 + len);
    if (type === 'IHDR') ihdr = data;
    if (type === 'IDAT') idat.push(data);
    at += 12 + len;
  }
  const width = ihdr!.readUInt32BE(0);
  const height = ihdr!.readUInt32BE(4);
  const colorType = ihdr![9]!;
  const raw = inflateSync(Buffer.concat(idat));
  const pixels: number[][] = [];
  for (let y = 0; y < height; y++) {
    const row = y * (width * 4 + 1);
    expect(raw[row]).toBe(0);
    for (let x = 0; x < width; x++) pixels.push([...raw.subarray(row + 1 + x * 4, row + 5 + x * 4)]);
  }
  return { width, height, colorType, pixels };
}

function check(zipBuf: Buffer): void {
  const zip = new AdmZip(zipBuf);
  expect(zip.getEntries().map((e) => e.entryName).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
  const manifestText = zip.readAsText('manifest.json');
  expect(manifestText).not.toContain('${{');
  const manifest = JSON.parse(manifestText);
  expect(manifest.id).toBe(APP_ID);
  expect(manifest.bots[0].botId).toBe(APP_ID);
  expect(manifest.bots[0].scopes).toEqual(['personal', 'team', 'groupChat']);
  expect(manifest.icons).toEqual({ color: 'color.png', outline: 'outline.png' });

  const color = decodePng(zip.readFile('color.png')!);
  expect([color.width, color.height]).toEqual([192, 192]);
  expect(color.pixels.every((p) => p[3] === 255)).toBe(true);

  const outline = decodePng(zip.readFile('outline.png')!);
  expect([outline.width, outline.height, outline.colorType]).toEqual([32, 32, 6]);
  const clear = outline.pixels.filter((p) => p[3] === 0).length;
  const white = outline.pixels.filter((p) => p[0] === 255 && p[1] === 255 && p[2] === 255 && p[3] === 255).length;
  expect(clear + white).toBe(32 * 32); // only white and transparent, as Teams requires
  expect(clear).toBeGreaterThan(32 * 32 * 0.4);
  expect(white).toBeGreaterThan(50);
}

describe('Teams app package', () => {
  it('zips manifest.json (with the app id) and the two icons', () => {
    check(buildTeamsPackage(APP_ID));
  });

  it('refuses an app id that is not a GUID', () => {
    expect(() => buildTeamsPackage('my-bot')).toThrow(/GUID/);
  });

  it('npm run teams:package writes the zip', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'teams-pkg-')), 'app.zip');
    await promisify(execFile)('npm', ['run', '--silent', 'teams:package', '--', '--app-id', APP_ID, '--out', out], { cwd: ROOT });
    check(readFileSync(out));
  });
});
