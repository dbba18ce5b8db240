import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../app/config.js';
import { startServe, type Serving } from '../../app/serve.js';
import { ConversationContext } from '../../src/conversation/context.js';
import { silentLogger } from '../../src/logger.js';
import { configProblem } from '../support/config-problem.js';
import { knowledge } from '../support/knowledge.js';

// the web chat's JSON endpoint over real HTTP, with context in the real Redis the other platforms use
let serving: Serving;
let base: string;
beforeAll(async () => {
  serving = await startServe({ config: loadConfig({ PORT: '0', REDIS_URL: inject('redisUrl'), REDIS_PREFIX: `plan-bot-test:web-chat:${process.pid}:${Date.now()}:` }), knowledge: knowledge(), logger: silentLogger(), host: '127.0.0.1' });
  base = `http://127.0.0.1:${serving.port}`;
});
afterAll(async () => serving?.close());

const TAB_A = 'tab-a-0123456789';
const TAB_B = 'tab-b-0123456789';

async function ask(tab: string, text: string): Promise<any> {
  const res = await fetch(`${base}/web/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tab, text }) });
  expect(res.status).toBe(200);
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  return ((await res.json()) as any).reply;
}

const joined = (segs: { text: string }[]) => segs.map((s) => s.text).join('');

describe('local web chat', () => {
  it('is on without platform credentials: / is the chat page, loading only our own script', async () => {
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const page = await res.text();
    expect(page).toContain('<html lang="zh-CN">');
    expect(page).toContain('<script src="/web/chat.js" defer></script>');
    expect(page).not.toMatch(/<script(?![^>]*\ssrc=)/);
    expect(page).toContain('data-endpoint="/web/messages"');
    const js = await fetch(`${base}/web/chat.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const source = await js.text();
    // the script builds the page from text only
    expect(source).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
  });

  it('answers with the same Reply as the chat platforms: cards with highlighted terms, reader links and buttons', async () => {
    const r = await ask(TAB_A, '应急管理');
    const bot = await serving.bot.handle({ platform: 'console', workspace: 'cmp', conversation: 'cmp', user: 'u', text: '应急管理', messageId: 'm1' });
    expect(r.title).toBe(bot.title);
    expect(r.cards.map((c: any) => joined(c.title))).toEqual(bot.results.map((x) => x.title));
    expect(r.cards[0].url).toBe('/p/xinxihua-14th/box14.i1');
    expect(r.cards.every((c: any) => /^\/p\/xinxihua-14th\/[\w.]+$/.test(c.url))).toBe(true);
    expect(r.cards.flatMap((c: any) => c.body).some((s: any) => s.highlighted && s.text === '应急管理')).toBe(true);
    const values = r.buttons.map((b: any) => b.value);
    expect(values).toContain('更多');
    // no 分享到频道 and no 订阅此主题 in a browser tab
    expect(r.buttons.some((b: any) => b.kind === 'share' || b.kind === 'subscribe')).toBe(false);
    expect(r.cards[0].expand.value).toBe('展开第1条');
    // every fetched reader link answers
    for (const c of r.cards) expect((await fetch(`${base}${c.url}`, { method: 'HEAD' })).status).toBe(200);
  });

  it('keeps one conversation per tab, in the Store under platform web', async () => {
    await ask(TAB_B, '数据治理');
    const a = await ask(TAB_A, '更多');
    const b = await ask(TAB_B, '更多');
    expect(a.title).toMatch(/^应急管理 · 4–/);
    expect(b.title).toMatch(/^数据治理 · 4–/);
    const stored = await serving.store.getContext({ platform: 'web', workspace: 'local', conversation: TAB_A }, ConversationContext);
    expect(stored?.topic).toBe('应急管理');
    const fresh = await ask('tab-c-0123456789', '更多');
    expect(joined(fresh.cards.flatMap((c: any) => c.title)) + (fresh.title ?? '') + (fresh.footer ?? '')).toContain('没有上一个问题');
  });

  it('does not take subscriptions (digests go to Slack or Teams) and stores none', async () => {
    const r = await ask(TAB_A, '订阅 应急管理 每天 09:00');
    expect(r.title).toBe('订阅需要在 Slack 或 Teams 中使用');
    expect(await serving.store.listChannelSubscriptions({ platform: 'web', workspace: 'local', conversation: TAB_A })).toEqual([]);
  });

  it('refuses what is not a message from its page, cleanly', async () => {
    const post = (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) => fetch(`${base}/web/messages`, { method: 'POST', headers, body });
    expect((await post('{"tab":"tab-a-0123456789","text":"x"}', { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await post('{"tab":')).status).toBe(400);
    expect((await post(JSON.stringify({ tab: 'short', text: 'x' }))).status).toBe(400);
    expect((await post(JSON.stringify({ tab: '../../etc/passwd', text: 'x' }))).status).toBe(400);
    expect((await post(JSON.stringify({ tab: TAB_A, text: 'x', extra: 1 }))).status).toBe(400);
    expect((await post(JSON.stringify({ tab: TAB_A, text: 42 }))).status).toBe(400);
    expect((await post(JSON.stringify({ tab: TAB_A, text: 'x'.repeat(5000) }))).status).toBe(400);
    expect((await post('[[[[[[[[[[[[]]]]]]]]]]]]')).status).toBe(400);
    expect((await post(JSON.stringify({ tab: TAB_A, text: '应'.repeat(20_000) }))).status).toBe(413);
    expect((await post(JSON.stringify({ tab: TAB_A, text: 'x' }), { 'content-type': 'application/json', origin: 'https://evil.example' })).status).toBe(403);
    expect((await fetch(`${base}/web/messages`)).status).toBe(405);
    // a long question gets the bot's own answer, not an error
    const long = await ask(TAB_A, '应急管理'.repeat(200));
    expect(long.title).toBe('问题太长了');
    // and the server still answers
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });
});

describe('WEB_CHAT', () => {
  const slack = { SLACK_BOT_TOKEN: 'xoxb-web-test', SLACK_SIGNING_SECRET: '8f742231b10e8888abcd99yyyzzz85a5' };
  it('is on by default only while no chat platform is configured; true and false override', () => {
    expect(loadConfig({}).webChatEnabled).toBe(true);
    expect(loadConfig(slack).webChatEnabled).toBe(false);
    expect(loadConfig({ TEAMS_ALLOW_UNAUTHENTICATED: 'true' }).webChatEnabled).toBe(false);
    expect(loadConfig({ ...slack, WEB_CHAT: 'true' }).webChatEnabled).toBe(true);
    expect(loadConfig({ WEB_CHAT: 'false' }).webChatEnabled).toBe(false);
    expect(configProblem({ WEB_CHAT: 'yes please' })).toContain('WEB_CHAT');
  });
});
