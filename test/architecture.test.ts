// The direction of dependencies, checked by dependency-cruiser (.dependency-cruiser.cjs) as a real child process:
// src/ (the core) never imports adapters/, app/ or a platform SDK; adapters/ never import app/ (the composition
// root); the Store never imports the conversation. A fixture tree that breaks each rule shows the check can fail.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPO_DIR } from './support/plan-bot-process.js';

const CRUISER = join(REPO_DIR, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
const CONFIG = join(REPO_DIR, '.dependency-cruiser.cjs');
const FIXTURE = join(REPO_DIR, 'test', 'fixtures', 'architecture');

interface Violation {
  rule: string;
  from: string;
  to: string;
}

/** Run dependency-cruiser over src, adapters and app of a tree: the rules it found broken, and how many modules it read. */
async function cruise(cwd: string): Promise<{ violations: Violation[]; cruised: number }> {
  const args = [CRUISER, 'src', 'adapters', 'app', '--config', CONFIG, '--output-type', 'json'];
  const { stdout } = await promisify(execFile)(process.execPath, args, { cwd, maxBuffer: 64 * 1024 * 1024, timeout: 60_000 });
  const report = JSON.parse(stdout) as { summary: { totalCruised: number; violations: { rule: { name: string }; from: string; to: string }[] } };
  return { cruised: report.summary.totalCruised, violations: report.summary.violations.map((v) => ({ rule: v.rule.name, from: v.from, to: v.to })) };
}

describe('dependency rules', () => {
  it('hold for plan-bot: no file breaks them', async () => {
    const r = await cruise(REPO_DIR);
    expect(r.violations).toEqual([]);
    // the whole tree was read (not an empty folder, not a parse failure that hides the imports)
    expect(r.cruised).toBeGreaterThan(100);
  });

  it('flag every kind of violation in a tree that breaks them, and nothing in the files that do not', async () => {
    const r = await cruise(FIXTURE);
    const found = r.violations.map((v) => `${v.rule}: ${v.from}`).sort();
    expect(found).toEqual(
      [
        'adapters-import-no-app: adapters/slack/thing.ts',
        'core-imports-no-adapter: src/core-imports-adapter.ts',
        'core-imports-no-adapter: src/core-loads-adapter.ts',
        'core-imports-no-app: src/core-imports-app.ts',
        'core-imports-no-platform-sdk: src/core-imports-sdk.ts',
        'store-imports-no-conversation: src/store/store.ts',
      ].sort(),
    );
  });
});
