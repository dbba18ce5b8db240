// Slack's assistant panel over signed HTTP to a running serve: Bolt's Assistant takes assistant_thread_started (a
// greeting and suggested prompts from the plan), the messages in its threads (answered in each thread's own context,
// with a status while working and the topic as title) and assistant_thread_context_changed (kept in plan-bot's Store).
// Only Slack's Web API is nocked; the server, Bolt, the bot and Redis are real.
import nock from 'nock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { assistantThread } from '../../adapters/slack/assistant-threads.js';
import { silentLogger } from '../../src/logger.js';
import { eventEnvelope, sendEvent } from '../support/slack-sign.js';
import { API_ORIGIN, quiet, shownText, startSlackHarness, waitFor, type Harness } from './slack-harness.js';

/** Every Web API call besides chat.postMessage, in order: method and its parsed arguments. */
const calls: Array<{ method: string; args: Record<string, any> }> = [];

function argsOf(raw: string): Record<string, any> {
  if (raw.trimStart().startsWith('{')) return JSON.parse(raw);
  const form = Object.fromEntries(new URLSearchParams(raw)) as Record<string, any>;
  for (const k of ['prompts', 'view']) if (typeof form[k] === 'string') form[k] = JSON.parse(form[k]);
  return form;
}

let h: Harness;
beforeAll(async () => {
  h = await startSlackHarness('assistant', { DIGEST_ENABLED: 'false' });
  nock(API_ORIGIN)
    .persist()
    .post(/^\/api\/(?!chat\.postMessage)[\w.]+$/)
    // nock 15 hands a reply function the Fetch Request
    .reply(async (req: Request) => {
      calls.push({ method: new URL(req.url).pathname.split('/').pop()!, args: argsOf(await req.text()) });
      return [200, { ok: true }];
    });
});
afterAll(async () => h?.close());
beforeEach(() => {
  h.sent.length = 0;
  calls.length = 0;
});

const TEAM = 'T0TEST';
const DM = 'D0ASSIST';
let tsN = 1_750_000_000;
const nextTs = () => `${++tsN}.000200`;

function started(threadTs: string, context: Record<string, unknown> = { channel_id: 'C0LOOK', team_id: TEAM, enterprise_id: null }) {
  return eventEnvelope({ type: 'assistant_thread_started', assistant_thread: { user_id: 'U0ASKER', context, channel_id: DM, thread_ts: threadTs }, event_ts: nextTs() });
}

function inThread(threadTs: string, text: string, extra: Record<string, unknown> = {}) {
  const ts = nextTs();
  return eventEnvelope({ type: 'message', channel_type: 'im', channel: DM, user: 'U0ASKER', text, ts, event_ts: ts, thread_ts: threadTs, ...extra });
}

async function send(envelope: unknown): Promise<void> {
  const res = await sendEvent(h.base, envelope);
  expect(res.status).toBe(200);
}

/** Send a message in a thread and wait for its one answer there. */
async function askInThread(threadTs: string, text: string) {
  const before = h.sent.length;
  await send(inThread(threadTs, text));
  await waitFor(() => h.sent.length > before, 5000, `the answer to ${text}`);
  return h.sent[h.sent.length - 1]!;
}

describe('the assistant panel', () => {
  it('greets a new thread and offers up to 4 prompts from the plan, each of which the bot answers from the plan', async () => {
    const thread = nextTs();
    await send(started(thread));
    await waitFor(() => calls.some((c) => c.method === 'assistant.threads.setSuggestedPrompts'), 5000, 'setSuggestedPrompts');
    const set = calls.find((c) => c.method === 'assistant.threads.setSuggestedPrompts')!;
    expect(set.args.channel_id).toBe(DM);
    expect(set.args.thread_ts).toBe(thread);
    const prompts = set.args.prompts as Array<{ title: string; message: string }>;
    expect(prompts.length).toBeGreaterThanOrEqual(2);
    expect(prompts.length).toBeLessThanOrEqual(4);
    expect(new Set(prompts.map((p) => p.message)).size).toBe(prompts.length);
    // the greeting is posted in the thread
    const greeting = h.sent.find((s) => s.via === 'chat.postMessage' && s.thread_ts === thread)!;
    expect(greeting.channel).toBe(DM);
    expect(shownText(greeting)).toContain('plan-bot');
    // the prompts are questions about the plan's content: each, sent as it is, gets passages back
    for (const p of prompts) {
      const answer = await askInThread(thread, p.message);
      expect(answer.thread_ts).toBe(thread);
      expect(answer.blocks.some((b) => b.type === 'section'), p.message).toBe(true);
      expect(shownText(answer), p.message).not.toContain('没有找到');
    }
    // no Web API calls to read or rewrite the thread for its context (Bolt's default store would make them)
    expect(calls.map((c) => c.method)).not.toContain('conversations.replies');
    expect(calls.map((c) => c.method)).not.toContain('chat.update');
  });

  it('answers each message in its thread\'s own context, with a status while working and the topic as the title', async () => {
    const thread = nextTs();
    const other = nextTs();
    await send(started(thread));
    await send(started(other));
    await waitFor(() => calls.filter((c) => c.method === 'assistant.threads.setSuggestedPrompts').length === 2, 5000, 'both threads started');
    // the greetings are out of the way
    calls.length = 0;
    h.sent.length = 0;

    const first = await askInThread(thread, '养老');
    expect(first.channel).toBe(DM);
    expect(first.thread_ts).toBe(thread);
    expect(shownText(first)).toContain('养老');
    await waitFor(() => calls.some((c) => c.method === 'assistant.threads.setTitle'), 5000, 'setTitle');
    const status = calls.find((c) => c.method === 'assistant.threads.setStatus')!;
    expect(status.args).toMatchObject({ channel_id: DM, thread_ts: thread });
    expect(String(status.args.status).length).toBeGreaterThan(0);
    expect(calls.find((c) => c.method === 'assistant.threads.setTitle')!.args).toMatchObject({ channel_id: DM, thread_ts: thread, title: '养老' });

    // the follow-up in the same thread is about 养老, with no topic named
    const followUp = await askInThread(thread, '2025年的目标是什么?');
    expect(followUp.thread_ts).toBe(thread);
    expect(shownText(followUp)).toContain('养老');
    expect(shownText(followUp)).toContain('2025');
    expect(shownText(followUp)).toContain('行动目标');
    // the other thread has a context of its own: the same words there are not about 养老
    const elsewhere = await askInThread(other, '2025年的目标是什么?');
    expect(elsewhere.thread_ts).toBe(other);
    expect(shownText(elsewhere)).not.toContain('养老');
    // each message was answered once: the DM listener did not answer them too
    await quiet();
    expect(h.sent.filter((s) => s.thread_ts === thread)).toHaveLength(2);
    expect(h.sent.filter((s) => s.thread_ts === other)).toHaveLength(1);
  });

  it('leaves the bot\'s own messages and edits in the thread unanswered, and answers a Slack retry once', async () => {
    const thread = nextTs();
    await send(started(thread));
    await waitFor(() => h.sent.some((s) => s.thread_ts === thread), 5000, 'the greeting');
    h.sent.length = 0;
    await send(inThread(thread, '应急管理', { bot_id: 'B0PLANBOT', user: 'U0PLANBOT' }));
    await send(inThread(thread, '应急管理', { subtype: 'message_changed' }));
    const envelope = inThread(thread, '数据治理');
    await send(envelope);
    const res = await sendEvent(h.base, envelope, { retryNum: 1 });
    expect(res.status).toBe(200);
    await waitFor(() => h.sent.length > 0, 5000, 'the answer');
    await quiet();
    expect(h.sent).toHaveLength(1);
    expect(shownText(h.sent[0]!)).toContain('数据');
  });

  it('records assistant_thread_context_changed in the Store: the channel the user is looking at', async () => {
    const thread = nextTs();
    await send(started(thread, { channel_id: 'C0FIRST', team_id: TEAM, enterprise_id: null }));
    await waitFor(() => calls.some((c) => c.method === 'assistant.threads.setSuggestedPrompts'), 5000, 'started');
    const ref = { team: TEAM, channel: DM, threadTs: thread };
    expect((await assistantThread(h.serving.store, silentLogger(), ref))?.context?.channel_id).toBe('C0FIRST');
    await send(eventEnvelope({ type: 'assistant_thread_context_changed', assistant_thread: { user_id: 'U0ASKER', context: { channel_id: 'C0SECOND', team_id: TEAM, enterprise_id: null }, channel_id: DM, thread_ts: thread }, event_ts: nextTs() }));
    const deadline = Date.now() + 3000;
    let seen: string | undefined;
    while (Date.now() < deadline && seen !== 'C0SECOND') {
      seen = (await assistantThread(h.serving.store, silentLogger(), ref))?.context?.channel_id;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(seen).toBe('C0SECOND');
    expect(calls.map((c) => c.method)).not.toContain('conversations.replies');
    expect(calls.map((c) => c.method)).not.toContain('chat.update');
  });

  it('refuses malformed assistant events cleanly: acknowledged, nothing posted, nothing called, the server still answers', async () => {
    for (const assistant_thread of [undefined, { user_id: 'U0ASKER', channel_id: DM }, { user_id: 'U0ASKER', channel_id: 'not an id', thread_ts: 'x' }]) {
      const res = await sendEvent(h.base, eventEnvelope({ type: 'assistant_thread_started', ...(assistant_thread ? { assistant_thread } : {}), event_ts: nextTs() }));
      expect(res.status).toBeLessThan(500);
    }
    await quiet();
    expect(h.sent).toHaveLength(0);
    expect(calls).toHaveLength(0);
    const thread = nextTs();
    await send(started(thread));
    await waitFor(() => calls.some((c) => c.method === 'assistant.threads.setSuggestedPrompts'), 5000, 'a good one still works');
  });

  it('answers a reply in a plain DM thread (not the panel\'s) once, with no panel status', async () => {
    const ts = nextTs();
    const answer = await askInThread(ts, '数字乡村');
    expect(answer.thread_ts).toBe(ts);
    expect(shownText(answer)).toContain('数字乡村');
    await quiet();
    expect(h.sent.filter((s) => s.thread_ts === ts)).toHaveLength(1);
    expect(calls.map((c) => c.method)).not.toContain('assistant.threads.setStatus');
  });
});
