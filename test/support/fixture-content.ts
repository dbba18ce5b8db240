import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONTENT_DIR } from './knowledge.js';

/** The made-up second plan (test/fixtures/mini-plan.txt), as raw text. */
export const MINI_PLAN_TEXT = readFileSync(fileURLToPath(new URL('../fixtures/mini-plan.txt', import.meta.url)), 'utf8');

/** The plan id the mini plan gets from its file name. */
export const MINI_PLAN_ID = 'mini-plan';

const made: string[] = [];

/**
 * A fresh content folder in the temp directory: a copy of the repository's content/dict plus the given plan files
 * (name → text, e.g. {"mini-plan.txt": …, "mini-plan.meta.json": …}). Removed by removeContentDirs().
 */
export function makeContentDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'plan-bot-content-'));
  made.push(dir);
  cpSync(join(CONTENT_DIR, 'dict'), join(dir, 'dict'), { recursive: true });
  mkdirSync(join(dir, 'plans'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'plans', name), text);
  return dir;
}

/** Delete every content folder makeContentDir made in this test file. */
export function removeContentDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}
