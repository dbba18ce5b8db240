// A running plan-bot serve with Slack on, against the test Redis, with nock standing in for Slack's Web API
// (SLACK_API_URL) and for response_urls. Only Slack's endpoints are faked; the server, Bolt, the bot and Redis are real.
import '../support/node20-nock.js';
import nock from 'nock';
import { inject } from 'vitest';
import { loadConfig } from '../../app/config.js';
import type { Serving } from '../../app/serve.js';
import { serveInProcess } from '../support/serve-in-process.js';
import { TEST_SIGNING_SECRET } from '../support/slack-sign.js';

export const API_ORIGIN = 'https://slack.test';
export const HOOKS_ORIGIN = 'https://hooks.slack.com';
export const BOT_USER_ID = 'U0PLANBOT';
export const BOT_TOKEN = 'xoxb-test-1234-abcdefSECRET';

/** A message plan-bot sent: through chat.postMessage (channel, thread_ts) or a response_url (url, response_type). */
export interface Sent {
  via: 'chat.postMessage' | 'response_url';
  url?: string;
  channel?: string;
  thread_ts?: string;
  response_type?: string;
  replace_original?: boolean;
  text: string;
  blocks: Array<Record<string, any>>;
}

/** What a test may answer to a call instead of the default success: [status, body, headers]. */
export type Override = (sent: Sent) => [number, unknown, Record<string, string>?] | undefined | Promise<[number, unknown, Record<string, string>?] | undefined>;

export interface Harness {
  base: string;
  serving: Serving;
  sent: Sent[];
  logs: string[];
  /** answer Web API / response_url calls differently (429, errors) while set */
  override?: Override;
  close(): Promise<void>;
}

function parseBody(body: unknown): Record<string, any> {
  if (typeof body === 'string') {
    if (body.trimStart().startsWith('{')) return JSON.parse(body);
    const form = Object.fromEntries(new URLSearchParams(body));
    if (typeof form.blocks === 'string') return { ...form, blocks: JSON.parse(form.blocks) };
    return form;
  }
  return body as Record<string, any>;
}

let ts = 1_700_000_000;

/** Start plan-bot serve in-process on a free port, Slack on, with a Redis key prefix of its own. */
export async function startSlackHarness(name: string, env: Record<string, string> = {}): Promise<Harness> {
  nock.disableNetConnect();
  nock.enableNetConnect(/^(127\.0\.0\.1|localhost)/);
  const logs: string[] = [];
  const harness = { sent: [], logs } as unknown as Harness;
  const record = async (sent: Sent): Promise<[number, unknown, Record<string, string>?]> => {
    const custom = await harness.override?.(sent);
    if (custom) return custom;
    harness.sent.push(sent);
    return [200, sent.via === 'chat.postMessage' ? { ok: true, channel: sent.channel, ts: `${++ts}.000100` } : { ok: true }];
  };
  nock(API_ORIGIN)
    .persist()
    .post('/api/chat.postMessage')
    // nock 15 hands a reply function the Fetch Request
    .reply(async (req: Request) => {
      const b = parseBody(await req.text());
      return record({ via: 'chat.postMessage', channel: b.channel, thread_ts: b.thread_ts, text: b.text, blocks: b.blocks ?? [] });
    });
  nock(HOOKS_ORIGIN)
    .persist()
    .post(/.*/)
    .reply(async (req: Request) => {
      const b = parseBody(await req.text());
      return record({ via: 'response_url', url: req.url, response_type: b.response_type, replace_original: b.replace_original, text: b.text, blocks: b.blocks ?? [] });
    });
  const config = loadConfig({
    PORT: '0',
    REDIS_URL: inject('redisUrl'),
    REDIS_PREFIX: `plan-bot-test:${name}:${process.pid}:${Date.now()}:`,
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: `${API_ORIGIN}/api/`,
    SLACK_BOT_USER_ID: BOT_USER_ID,
    SLACK_BOT_ID: 'B0PLANBOT',
    LOG_LEVEL: 'debug',
    ...env,
  });
  const served = await serveInProcess(config, logs);
  harness.serving = served.serving;
  harness.base = served.base;
  harness.close = served.close;
  return harness;
}

/** Wait until a condition holds (answers are posted after the ack), failing after a timeout. */
export async function waitFor(cond: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Wait until the server has marked a channel thread as answered: the mark is written after chat.postMessage returns. */
export async function waitForThreadMark(h: Harness, channel: string, threadTs: string, workspace = 'T0TEST'): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!(await h.serving.store.isBotThread({ platform: 'slack', workspace, conversation: channel, thread: threadTs }))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for the mark of thread ${channel}/${threadTs}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Give any stray (wrong) extra post time to arrive before asserting there was none. */
export function quiet(ms = 400): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** All the text a message shows: fallback text and every block's text, for content assertions. */
export function shownText(m: { text?: string; blocks?: Array<Record<string, any>> }): string {
  return [m.text ?? '', JSON.stringify(m.blocks ?? [])].join('\n');
}
