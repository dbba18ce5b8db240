// What the real plan-bot process loads (node --import test/support/record-modules.mjs bin/plan-bot.js …): the CLI
// (ask, chat, digest preview) loads no platform SDK (Bolt, botbuilder), no BullMQ and no TypeScript compiler, even
// with Slack, Teams and Redis all configured; plan-bot serve loads each SDK only when its platform is configured.
// The serve runs with everything configured show the recorder does see those SDKs when they are loaded.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { spawnPlanBot, type RunResult } from './support/plan-bot-process.js';

const HOOK = new URL('./support/record-modules.mjs', import.meta.url).href;
const dir = mkdtempSync(join(tmpdir(), 'plan-bot-modules-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Packages the CLI must never load, by the path they load from. */
const PLATFORM_SDK = /\/node_modules\/(@slack\/|botbuilder|botframework-|bullmq\/)/;
const TS_AT_RUN_TIME = /\/node_modules\/(tsx|esbuild|typescript)\//;

/** Every platform configured: Slack (bot ids given, so no auth.test), Teams with an app id, and Redis. */
function everythingConfigured(): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: 'xoxb-modules-test',
    SLACK_SIGNING_SECRET: 'modulestestsigningsecret0123',
    SLACK_BOT_USER_ID: 'U0MODULES',
    SLACK_BOT_ID: 'B0MODULES',
    MICROSOFT_APP_ID: '00000000-0000-4000-8000-000000000012',
    MICROSOFT_APP_PASSWORD: 'modules-test-password',
    REDIS_URL: inject('redisUrl'),
    REDIS_PREFIX: `plan-bot-test:modules:${process.pid}:`,
  };
}

let runs = 0;

/** Start plan-bot with the recorder; `loaded()` reads what it loaded once it has exited. */
function recorded(args: string[], input: string, env: Record<string, string>) {
  const file = join(dir, `run-${++runs}.txt`);
  const run = spawnPlanBot(args, input, { ...env, NODE_OPTIONS: `--import=${HOOK}`, RECORD_MODULES_FILE: file }, 60_000);
  const loaded = () => [...new Set(readFileSync(file, 'utf8').split('\n').filter(Boolean))];
  return { ...run, loaded };
}

/** Run a CLI command to its end: what it printed and every module it loaded. */
async function cli(args: string[], input = '', env: Record<string, string> = {}): Promise<{ result: RunResult; modules: string[] }> {
  const run = recorded(args, input, env);
  const result = await run.result;
  expect(result.code, result.stderr).toBe(0);
  return { result, modules: run.loaded() };
}

/**
 * Start plan-bot serve, wait until it serves (every platform is loaded by then), and return every module it loaded;
 * then kill it. The resolve hook has written each import as it happened, and an SDK is only ever imported (never
 * required) by our ES modules, so the list is complete without a clean exit.
 */
async function serve(env: Record<string, string>): Promise<string[]> {
  const run = recorded(['serve'], '', { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env });
  let stderr = '';
  const serving = new Promise<void>((resolve) => {
    const watch = (b: Buffer) => {
      stderr += b.toString('utf8');
      if (!stderr.includes('"msg":"plan-bot serving"')) return;
      run.child.stderr!.off('data', watch);
      resolve();
    };
    run.child.stderr!.on('data', watch);
  });
  await Promise.race([serving, run.result.then((r) => Promise.reject(new Error(`plan-bot serve exited (${r.code}) before serving: ${r.stderr}`)))]);
  const modules = run.loaded();
  run.child.kill('SIGKILL');
  await run.result;
  return modules;
}

const matching = (modules: string[], re: RegExp) => modules.filter((m) => re.test(m));

describe('the CLI loads no platform SDK', () => {
  it('plan-bot ask, with Slack, Teams and Redis configured: the built code, no SDK, no BullMQ, no TypeScript', async () => {
    const { result, modules } = await cli(['ask', '/plan 应急管理'], '', everythingConfigured());
    expect(result.stdout).toContain('专栏14');
    expect(matching(modules, PLATFORM_SDK)).toEqual([]);
    expect(matching(modules, TS_AT_RUN_TIME)).toEqual([]);
    // the recorder sees ES modules (the build, opencc-js), CommonJS loaded by require (nodejieba) and config's adapters
    expect(modules.some((m) => m.endsWith('/dist/app/cli.js'))).toBe(true);
    expect(modules.some((m) => m.endsWith('/dist/adapters/slack/config.js'))).toBe(true);
    expect(modules.some((m) => m.includes('/node_modules/opencc-js/'))).toBe(true);
    expect(modules.some((m) => m.includes('/node_modules/nodejieba/'))).toBe(true);
  });

  it('plan-bot chat and digest preview, with everything configured: no SDK, no BullMQ', async () => {
    const chat = await cli(['chat', '--json'], '应急管理\n', everythingConfigured());
    expect(chat.result.lines).toHaveLength(1);
    expect(matching(chat.modules, PLATFORM_SDK)).toEqual([]);
    const preview = await cli(['digest', 'preview', '--topic', '应急管理', '--date', '2026-03-02', '--json'], '', everythingConfigured());
    expect(preview.result.stdout).toContain('应急');
    expect(matching(preview.modules, PLATFORM_SDK)).toEqual([]);
  });
});

describe('plan-bot serve loads a platform SDK only when that platform is configured', () => {
  it('nothing configured (memory mode): neither Bolt nor botbuilder nor BullMQ', async () => {
    const modules = await serve({});
    expect(matching(modules, PLATFORM_SDK)).toEqual([]);
    expect(modules.some((m) => m.endsWith('/dist/app/serve.js'))).toBe(true);
  });

  it('Slack, Teams and Redis configured: Bolt, botbuilder and BullMQ, each seen by the recorder', async () => {
    const modules = await serve(everythingConfigured());
    expect(matching(modules, /\/node_modules\/@slack\/bolt\//).length).toBeGreaterThan(0);
    expect(matching(modules, /\/node_modules\/botbuilder\//).length).toBeGreaterThan(0);
    expect(matching(modules, /\/node_modules\/bullmq\//).length).toBeGreaterThan(0);
    expect(matching(modules, TS_AT_RUN_TIME)).toEqual([]);
  });

  it('only Teams configured: botbuilder, not Bolt', async () => {
    const modules = await serve({ TEAMS_ALLOW_UNAUTHENTICATED: 'true' });
    expect(matching(modules, /\/node_modules\/botbuilder\//).length).toBeGreaterThan(0);
    expect(matching(modules, /\/node_modules\/@slack\//)).toEqual([]);
  });
});
