// A running /api/messages on a real HTTP server with a real Redis store, plus nock stand-ins for the
// Bot Framework Connector (the serviceUrl the bot posts replies to). Only Microsoft's endpoints are mocked.
import '../support/node20-nock.js';
import { randomUUID } from 'node:crypto';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, inject } from 'vitest';
import { createTeamsRoute } from '../../adapters/teams/teams-route.js';
import type { Config } from '../../app/config.js';
import { Bot } from '../../src/conversation/bot.js';
import { createLogger, silentLogger } from '../../src/logger.js';
import { startHttpServer, type RunningServer } from '../../src/server.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { knowledge } from '../support/knowledge.js';

/** The one loopback port unauthenticated test activities may name as serviceUrl (TEAMS_EMULATOR_PORTS). */
export const EMULATOR_PORT = 59_123;
/** Where the Connector stand-in answers: loopback on the allowed port, as the Bot Framework Emulator would. */
export const SERVICE_URL = `http://127.0.0.1:${EMULATOR_PORT}/amer/`;
/** The settings of unauthenticated local testing: TEAMS_ALLOW_UNAUTHENTICATED=true, TEAMS_EMULATOR_PORTS=EMULATOR_PORT. */
export const UNAUTHENTICATED: Partial<Config> = { teamsAllowUnauthenticated: true, teamsEmulatorPorts: [EMULATOR_PORT] };
export const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const BOT_ID = '28:bot-id';

/** A reply the bot posted to the Connector, as nock saw it. */
export interface Posted {
  path: string;
  /** the conversation id decoded from the path */
  conversation: string;
  body: {
    type: string;
    replyToId?: string;
    summary?: string;
    attachments?: { contentType: string; content: Record<string, any> }[];
  };
  authorization?: string;
}

export interface TeamsHarness {
  url: string;
  store: Store;
  posted: Posted[];
  post(activity: object, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

/** Stand in for the Bot Framework Connector at SERVICE_URL: every activity the bot posts is recorded. */
export function mockConnector(): Posted[] {
  const posted: Posted[] = [];
  nock(SERVICE_URL.replace(/\/amer\/$/, ''))
    .persist()
    .post(/^\/amer\/v3\/conversations\/[^/]+\/activities(\/[^/]+)?$/)
    .reply(async (req: Request) => {
      const path = new URL(req.url).pathname;
      const conversation = decodeURIComponent(path.split('/')[4]!);
      posted.push({ path, conversation, body: (await req.json()) as Posted['body'], authorization: req.headers.get('authorization') ?? undefined });
      return [201, { id: `reply-${posted.length}` }];
    });
  return posted;
}

/** Start the Teams route on a free port with a Redis store under a fresh prefix (unauthenticated testing unless told). */
export async function startTeams(config: Partial<Config> = UNAUTHENTICATED): Promise<TeamsHarness> {
  const log = process.env.TEAMS_TEST_LOG ? createLogger(process.env.TEAMS_TEST_LOG) : silentLogger();
  const store = await openStore(inject('redisUrl'), { prefix: `test-teams-${randomUUID()}:`, timeoutMs: 1000, logger: log });
  const bot = new Bot({ knowledge: knowledge(), store, logger: log, ...(config.contextTtlSeconds ? { contextTtlSeconds: config.contextTtlSeconds } : {}), ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}) });
  const route = createTeamsRoute({ bot, knowledge: knowledge(), store, logger: log, config });
  const server: RunningServer = await startHttpServer({ port: 0, host: '127.0.0.1', routes: { '/api/messages': route }, logger: log });
  const url = `http://127.0.0.1:${server.port}/api/messages`;
  const posted = mockConnector();
  return {
    url,
    store,
    posted,
    post: (activity, headers = {}) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(activity) }),
    close: async () => {
      await server.close(100);
      await store.close();
    },
  };
}

let n = 0;

export interface ActivityOptions {
  conversationId?: string;
  conversationType?: 'personal' | 'groupChat' | 'channel';
  id?: string;
  value?: unknown;
  entities?: object[];
  serviceUrl?: string;
  /** the sender (default: the user Li Lei) */
  from?: { id: string; name?: string; role?: string; aadObjectId?: string };
}

/** A Teams message activity as the Bot Framework Connector posts it. */
export function message(text: string | undefined, o: ActivityOptions = {}): Record<string, unknown> {
  n += 1;
  return {
    type: 'message',
    id: o.id ?? `1700000000${String(n).padStart(3, '0')}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: o.serviceUrl ?? SERVICE_URL,
    from: o.from ?? { id: '29:user-1', name: 'Li Lei', aadObjectId: '00000000-0000-0000-0000-0000000000a1' },
    conversation: { id: o.conversationId ?? 'a:personal-chat-1', conversationType: o.conversationType ?? 'personal', tenantId: TENANT },
    recipient: { id: BOT_ID, name: 'plan-bot' },
    ...(text !== undefined ? { text, textFormat: 'plain' } : {}),
    ...(o.value !== undefined ? { value: o.value } : {}),
    ...(o.entities ? { entities: o.entities } : {}),
    channelData: { tenant: { id: TENANT } },
    locale: 'zh-CN',
  };
}

/** "<at>plan-bot</at> TEXT" with the mention entity Teams attaches. */
export function mention(text: string, o: ActivityOptions = {}): Record<string, unknown> {
  const at = '<at>plan-bot</at>';
  return message(`${at} ${text}`, { ...o, entities: [{ type: 'mention', text: at, mentioned: { id: BOT_ID, name: 'plan-bot' } }, { type: 'clientInfo', locale: 'zh-CN' }] });
}

/** The card(s) of every reply posted so far, in order. */
export function cards(posted: Posted[]): Record<string, any>[] {
  return posted.flatMap((p) => (p.body.attachments ?? []).filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive').map((a) => a.content));
}

/** All TextBlock texts of a card, in reading order. */
export function texts(card: Record<string, any>): string[] {
  const out: string[] = [];
  const visit = (els: any[]) => {
    for (const el of els ?? []) {
      if (el.type === 'TextBlock') out.push(el.text);
      if (Array.isArray(el.items)) visit(el.items);
    }
  };
  visit(card.body);
  return out;
}

/** All Action.Submit buttons of a card (card actions and those inside its containers). */
export function submits(card: Record<string, any>): { title: string; data: any }[] {
  const out: { title: string; data: any }[] = [];
  const visit = (els: any[]) => {
    for (const el of els ?? []) {
      if (el.type === 'Action.Submit') out.push(el);
      if (Array.isArray(el.items)) visit(el.items);
      if (Array.isArray(el.actions)) visit(el.actions);
    }
  };
  visit(card.body);
  visit(card.actions);
  return out;
}

/**
 * The Teams route of one test file (or describe block), as every such file sets it up: network closed but for
 * loopback, the Connector mocked, the route started before the tests and closed after, its posts cleared after each.
 */
export function useTeams(config?: Partial<Config>): () => TeamsHarness {
  let h: TeamsHarness | undefined;
  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    h = await startTeams(config);
  });
  afterAll(async () => {
    await h?.close();
    nock.cleanAll();
    nock.enableNetConnect();
  });
  afterEach(() => {
    if (h) h.posted.length = 0;
  });
  return () => {
    if (!h) throw new Error('useTeams: the route is started in beforeAll');
    return h;
  };
}

/** The Connector alone mocked, for a file that starts its own servers (network closed but for loopback); posts cleared after each test. */
export function useConnector(): () => Posted[] {
  let posted: Posted[] = [];
  beforeAll(() => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    posted = mockConnector();
  });
  afterAll(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });
  afterEach(() => {
    posted.length = 0;
  });
  return () => posted;
}
