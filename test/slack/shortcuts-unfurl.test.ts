import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.js';
import { eventEnvelope, nowSeconds, sendEvent, sendInteraction } from '../support/slack-sign.js';
import { API_ORIGIN, BOT_TOKEN, shownText, startSlackHarness, waitFor, type Harness } from './slack-harness.js';

// The shortcuts 搜索规划 (global: a search modal) and 在规划中查找 (on a message), and unfurls of passage links, over
// signed HTTP to a real plan-bot serve; nock stands in for Slack's Web API (views.*, chat.unfurl, chat.postMessage).

interface Call {
  method: string;
  auth: string | null;
  body: Record<string, any>;
}

let h: Harness;
let publicUrl: string;
let calls: Call[] = [];
/** what chat.postMessage answers while set (a share to a channel the bot is not in) */
let postError: string | undefined;

function parse(text: string): Record<string, any> {
  if (text.trimStart().startsWith('{')) return JSON.parse(text);
  const form = Object.fromEntries(new URLSearchParams(text)) as Record<string, any>;
  for (const k of ['view', 'unfurls', 'blocks']) if (typeof form[k] === 'string') form[k] = JSON.parse(form[k]);
  return form;
}

beforeAll(async () => {
  const port = await freePort();
  publicUrl = `http://127.0.0.1:${port}`;
  h = await startSlackHarness('shortcuts', { PORT: String(port), PUBLIC_URL: publicUrl });
  for (const method of ['views.open', 'views.update', 'chat.unfurl']) {
    nock(API_ORIGIN)
      .persist()
      .post(`/api/${method}`)
      .reply(async (req: Request) => {
        calls.push({ method, auth: req.headers.get('authorization'), body: parse(await req.text()) });
        return [200, { ok: true }];
      });
  }
  h.override = (sent) => (sent.via === 'chat.postMessage' && postError ? [200, { ok: false, error: postError }] : undefined);
});
afterAll(async () => h?.close());
afterEach(() => {
  calls = [];
  h.sent.length = 0;
  postError = undefined;
});

const TEAM = { id: 'T0TEST', domain: 'test' };
const USER = { id: 'U0SEARCH', team_id: 'T0TEST' };

function modalState(query: string | undefined, channel?: string): Record<string, any> {
  return {
    values: {
      q: { query: { type: 'plain_text_input', value: query ?? null } },
      ...(channel !== undefined ? { share_to: { 'plan.modal.channel': { type: 'conversations_select', selected_conversation: channel } } } : {}),
    },
  };
}

function submission(query: string | undefined): Record<string, any> {
  return { type: 'view_submission', team: TEAM, user: USER, api_app_id: 'A0PLAN', trigger_id: '1.2.3', view: { id: 'V0SEARCH', callback_id: 'plan_search_modal', hash: 'h1', private_metadata: '', state: modalState(query) } };
}

function sectionTexts(blocks: Array<Record<string, any>>): string {
  return blocks
    .filter((b) => b.type === 'section')
    .map((b) => b.text.text)
    .join('\n');
}

describe('the global shortcut 搜索规划', () => {
  it('opens a modal with a search box, with the bot token and the trigger_id', async () => {
    const res = await sendInteraction(h.base, { type: 'shortcut', callback_id: 'plan_search', trigger_id: '12345.98765.abcd', team: TEAM, user: USER, action_ts: '1700000000.1', token: 'x' });
    expect(res.status).toBe(200);
    await waitFor(() => calls.some((c) => c.method === 'views.open'), 5000, 'views.open');
    const open = calls.find((c) => c.method === 'views.open')!;
    expect(open.auth).toBe(`Bearer ${BOT_TOKEN}`);
    expect(open.body.trigger_id).toBe('12345.98765.abcd');
    const view = open.body.view;
    expect(view).toMatchObject({ type: 'modal', callback_id: 'plan_search_modal', title: { text: '搜索规划' }, submit: { text: '搜索' } });
    expect(view.blocks.find((b: any) => b.type === 'input')).toMatchObject({ block_id: 'q', element: { type: 'plain_text_input', action_id: 'query' } });
  });

  it('answers a submission by updating the modal with the results, the box still holding the question', async () => {
    const res = await sendInteraction(h.base, submission('数据安全'));
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body.response_action).toBe('update');
    expect(body.view.callback_id).toBe('plan_search_modal');
    expect(body.view.blocks.length).toBeLessThanOrEqual(100);
    expect(body.view.blocks.find((b: any) => b.type === 'input').element.initial_value).toBe('数据安全');
    // the passage, linked to its reader page, with a share button naming it by id
    expect(sectionTexts(body.view.blocks)).toContain('强化数据安全保障');
    expect(sectionTexts(body.view.blocks)).toContain(`<${publicUrl}/p/xinxihua-14th/`);
    const shares = body.view.blocks.filter((b: any) => b.type === 'actions').flatMap((b: any) => b.elements).filter((e: any) => e.type === 'button');
    expect(shares.length).toBeGreaterThan(0);
    expect(shares[0].action_id).toBe('plan.modal.share.0');
    expect(body.view.blocks.some((b: any) => b.block_id === 'share_to' && b.elements[0].type === 'conversations_select')).toBe(true);
  });

  it('refuses an empty box with a field error, not an answer', async () => {
    const res = await sendInteraction(h.base, submission('   '));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ response_action: 'errors', errors: { q: '请输入要搜索的主题或问题' } });
  });

  it('shares a result to the chosen channel, and says in the modal how it went', async () => {
    const sub = (await (await sendInteraction(h.base, submission('数据安全'))).json()) as any;
    const button = sub.view.blocks.filter((b: any) => b.type === 'actions').flatMap((b: any) => b.elements).find((e: any) => e.type === 'button');
    const press = (channel?: string) => ({
      type: 'block_actions',
      team: TEAM,
      user: USER,
      api_app_id: 'A0PLAN',
      trigger_id: '1.2.4',
      container: { type: 'view', view_id: 'V0SEARCH' },
      view: { id: 'V0SEARCH', callback_id: 'plan_search_modal', hash: 'h2', private_metadata: '数据安全', state: modalState('数据安全', channel) },
      actions: [{ type: 'button', action_id: button.action_id, value: button.value, block_id: 'b1', action_ts: '1.1' }],
    });
    // no channel chosen yet: nothing posted, the modal asks for one
    expect((await sendInteraction(h.base, press())).status).toBe(200);
    await waitFor(() => calls.some((c) => c.method === 'views.update'), 5000, 'views.update');
    expect(JSON.stringify(calls.find((c) => c.method === 'views.update')!.body.view)).toContain('请先在上方选择要分享到的频道');
    expect(h.sent).toEqual([]);
    calls = [];
    // a channel chosen: the passage posted there, visibly, with who shared it
    expect((await sendInteraction(h.base, press('C0SHARED'))).status).toBe(200);
    await waitFor(() => h.sent.length === 1 && calls.some((c) => c.method === 'views.update'), 5000, 'share');
    expect(h.sent[0]!.channel).toBe('C0SHARED');
    expect(shownText(h.sent[0]!)).toContain('<@U0SEARCH> 从规划中分享');
    expect(shownText(h.sent[0]!)).toContain(button.value.split(':')[1]);
    expect(JSON.stringify(calls.find((c) => c.method === 'views.update')!.body.view)).toContain('已分享');
    calls = [];
    // a private channel the bot is not in: the modal says to invite it
    postError = 'not_in_channel';
    await sendInteraction(h.base, press('G0PRIVATE'));
    await waitFor(() => calls.some((c) => c.method === 'views.update'), 5000, 'views.update');
    expect(JSON.stringify(calls.find((c) => c.method === 'views.update')!.body.view)).toContain('/invite @plan-bot');
  });
});

describe('the message shortcut 在规划中查找', () => {
  const shortcut = (text: string | undefined) => ({
    type: 'message_action',
    callback_id: 'plan_find',
    trigger_id: '1.2.5',
    team: TEAM,
    user: { id: 'U0FINDER' },
    channel: { id: 'C0FIND', name: 'general' },
    message_ts: '1700000100.000100',
    message: { type: 'message', user: 'U0OTHER', ts: '1700000100.000100', ...(text !== undefined ? { text } : {}) },
    response_url: 'https://hooks.slack.com/app/T0TEST/find/1',
  });

  it("answers about the message's text, privately, with a share button", async () => {
    const res = await sendInteraction(h.base, shortcut('下周要报应急管理方面的材料,规划里怎么说的?'));
    expect(res.status).toBe(200);
    await waitFor(() => h.sent.length === 1, 5000, 'answer');
    const answer = h.sent[0]!;
    expect(answer.via).toBe('response_url');
    expect(answer.url).toBe('https://hooks.slack.com/app/T0TEST/find/1');
    expect(answer.response_type).toBe('ephemeral');
    expect(shownText(answer)).toContain('提升风险监测预警能力');
    expect(answer.blocks.flatMap((b: any) => b.elements ?? []).some((e: any) => typeof e.action_id === 'string' && e.action_id.startsWith('plan.share.'))).toBe(true);
  });

  it('says so for a message without text', async () => {
    await sendInteraction(h.base, shortcut(undefined));
    await waitFor(() => h.sent.length === 1, 5000, 'answer');
    expect(h.sent[0]!.text).toContain('没有可查找的文字');
  });

  it('refuses a malformed one cleanly', async () => {
    const res = await sendInteraction(h.base, { ...shortcut('应急管理'), response_url: 'http://evil.example/x' });
    expect(res.status).toBe(400);
    expect(h.sent).toEqual([]);
  });
});

describe('link_shared', () => {
  const event = (links: string[], extra: Record<string, unknown> = {}) => {
    const ts = `${nowSeconds()}.000${Math.floor(Math.random() * 900 + 100)}`;
    return eventEnvelope({ type: 'link_shared', channel: 'C0LINK', user: 'U0POSTER', message_ts: ts, links: links.map((url) => ({ url, domain: new URL(url).hostname })), event_ts: ts, ...extra });
  };

  it('unfurls our passage link with one chat.unfurl carrying that passage, and leaves other links alone', async () => {
    const ours = `${publicUrl}/p/xinxihua-14th/box14.i1`;
    const res = await sendEvent(h.base, event([ours, 'https://example.com/other', `${publicUrl}/p/xinxihua-14th/box999`]));
    expect(res.status).toBe(200);
    await waitFor(() => calls.some((c) => c.method === 'chat.unfurl'), 5000, 'chat.unfurl');
    await new Promise((r) => setTimeout(r, 200));
    const unfurls = calls.filter((c) => c.method === 'chat.unfurl');
    expect(unfurls.length).toBe(1);
    const body = unfurls[0]!.body;
    expect(body.channel).toBe('C0LINK');
    expect(unfurls[0]!.auth).toBe(`Bearer ${BOT_TOKEN}`);
    expect(Object.keys(body.unfurls)).toEqual([ours]);
    const text = sectionTexts(body.unfurls[ours].blocks);
    expect(text).toContain('提升风险监测预警能力');
    expect(text).toContain('天目网');
  });

  it('addresses a composer preview by unfurl_id and source', async () => {
    await sendEvent(h.base, event([`${publicUrl}/p/xinxihua-14th/box14`], { channel: 'COMPOSER', message_ts: 'U0POSTER-909b5454-75f8-4ac4-b325-1b40e230bbd8-gryl3kb80b3wm49ihzoo35fyqoq08n2y', unfurl_id: 'Uxxxxxxx-909b5454-75f8-4ac4-b325-1b40e230bbd8-gryl3kb80b3wm49ihzoo35fyqoq08n2y', source: 'composer' }));
    await waitFor(() => calls.some((c) => c.method === 'chat.unfurl'), 5000, 'chat.unfurl');
    const body = calls.find((c) => c.method === 'chat.unfurl')!.body;
    expect(body.source).toBe('composer');
    expect(body.unfurl_id).toMatch(/^Uxxxxxxx-/);
    expect(body.channel).toBeUndefined();
  });

  it('makes no call for links that are not our passages', async () => {
    await sendEvent(h.base, event(['https://example.com/p/xinxihua-14th/box14.i1', `${publicUrl}/plan/xinxihua-14th`]));
    await new Promise((r) => setTimeout(r, 400));
    expect(calls.filter((c) => c.method === 'chat.unfurl')).toEqual([]);
  });

  it('unfurls once when Slack retries the same event', async () => {
    const e = event([`${publicUrl}/p/xinxihua-14th/box14.i2`]);
    await sendEvent(h.base, e);
    await sendEvent(h.base, e, { retryNum: 1 });
    await waitFor(() => calls.some((c) => c.method === 'chat.unfurl'), 5000, 'chat.unfurl');
    await new Promise((r) => setTimeout(r, 300));
    expect(calls.filter((c) => c.method === 'chat.unfurl').length).toBe(1);
  });
});
