// Invoke activities (issue 13): every invoke the app can be sent gets HTTP 200 with a body its documented schema
// accepts, never 5xx (botbuilder alone answers 501 with an empty body). Activities shaped as Microsoft documents them,
// POSTed over real HTTP to plan-bot serve's /api/messages; the Connector's serviceUrl is nock.
import '../support/node20-nock.js';
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../app/config.js';
import { startServe, type Serving } from '../../app/serve.js';
import { CARD_RESPONSE_TYPE, MESSAGE_RESPONSE_TYPE } from '../../adapters/teams/invoke-response.js';
import { createLogger } from '../../src/logger.js';
import { knowledge } from '../support/knowledge.js';
import { APP_ID, APP_PASSWORD, mockBotFramework, type BotFrameworkMocks } from './bot-framework-auth.js';
import { EMULATOR_PORT, SERVICE_URL, cards, mention, message, startTeams, submits, texts, type ActivityOptions, useConnector } from './teams-harness.js';

let logs: string[];

async function serve(env: Record<string, string>): Promise<{ serving: Serving; url: string }> {
  const sink = new Writable({
    write(chunk, _enc, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const config = loadConfig({ PORT: '0', REDIS_URL: inject('redisUrl'), REDIS_PREFIX: `test-teams-invoke-${randomUUID()}:`, DIGEST_ENABLED: 'false', ...env });
  const serving = await startServe({ config, knowledge: knowledge(), logger: createLogger('info', sink), host: '127.0.0.1' });
  return { serving, url: `http://127.0.0.1:${serving.port}/api/messages` };
}

/** An invoke activity as Teams posts it: type invoke, a name, the value its kind documents. */
function invoke(name: string, value: unknown, o: ActivityOptions = {}): Record<string, unknown> {
  const { text: _text, textFormat: _format, ...rest } = message(undefined, o) as Record<string, unknown>;
  return { ...rest, type: 'invoke', name, value };
}

/** The value of an Action.Execute press (adaptiveCard/action), as the Universal Actions documentation shows it. */
function execute(data: Record<string, unknown>, verb = 'planBot'): Record<string, unknown> {
  return { action: { type: 'Action.Execute', id: `action-${randomUUID()}`, verb, data }, trigger: 'manual' };
}

/** Every invoke name the Teams platform documents sending to a bot, each with the value it documents. */
const OTHER_INVOKES: [name: string, value: unknown, body: (b: any) => void][] = [
  // a command the manifest does not declare (searchPlan is: test/teams/teams-message-extension.test.ts)
  ['composeExtension/query', { commandId: 'search', parameters: [{ name: 'query', value: '应急管理' }], queryOptions: { skip: 0, count: 25 } }, (b) => expect(b.composeExtension).toMatchObject({ type: 'message', text: expect.any(String) })],
  // a link that is not one of PUBLIC_URL's passage pages (test/teams/teams-message-extension.test.ts unfurls ours)
  ['composeExtension/queryLink', { url: 'https://example.com/plan' }, (b) => expect(b).toEqual({ composeExtension: { type: 'result', attachmentLayout: 'list', attachments: [] } })],
  ['composeExtension/querySettingUrl', {}, (b) => expect(b.composeExtension.type).toBe('message')],
  ['composeExtension/selectItem', { id: 1 }, (b) => expect(b.composeExtension.type).toBe('message')],
  ['composeExtension/submitAction', { commandId: 'share', commandContext: 'message', data: {} }, (b) => expect(b.composeExtension.type).toBe('message')],
  ['composeExtension/fetchTask', { commandId: 'share', commandContext: 'compose' }, (b) => expect(b.task).toMatchObject({ type: 'message', value: expect.any(String) })],
  ['task/fetch', { data: { msteams: { type: 'task/fetch' } }, context: { theme: 'default' } }, (b) => expect(b.task).toMatchObject({ type: 'message', value: expect.any(String) })],
  ['task/submit', { data: { answer: 1 }, context: { theme: 'default' } }, (b) => expect(b.task.type).toBe('message')],
  ['config/fetch', { data: {}, context: { theme: 'default' } }, (b) => {
    expect(b.config.type).toBe('continue');
    expect(b.config.value.card.contentType).toBe(CARD_RESPONSE_TYPE);
    expect(b.config.value.card.content.type).toBe('AdaptiveCard');
  }],
  ['config/submit', { data: {} }, (b) => expect(b.config).toMatchObject({ type: 'message', value: expect.any(String) })],
  ['tab/fetch', { tabContext: { tabEntityId: 'home' } }, (b) => expect(b.tab).toEqual({ type: 'continue', value: { cards: [] } })],
  ['signin/verifyState', { state: '123456' }, (b) => expect(b).toEqual({})],
  ['signin/tokenExchange', { id: 'x', connectionName: 'c', token: 'eyJ...' }, (b) => expect(b).toEqual({})],
  ['fileConsent/invoke', { type: 'fileUpload', action: 'decline', context: {} }, (b) => expect(b).toEqual({})],
  ['message/submitAction', { actionName: 'feedback', actionValue: { reaction: 'like', feedback: '{"feedbackText":"好"}' } }, (b) => expect(b).toEqual({})],
  ['actionableMessage/executeAction', { body: '{}', actionId: 'a' }, (b) => expect(b).toEqual({})],
  ['handoff/action', { continuation: 'c' }, (b) => expect(b).toEqual({})],
  ['plan-bot/never-heard-of', { anything: true }, (b) => expect(b).toEqual({})],
];

const connector = useConnector();

describe('Teams invokes, plan-bot serve unauthenticated (local testing)', () => {
  let serving: Serving;
  let url: string;
  const post = (activity: object) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });

  beforeAll(async () => {
    logs = [];
    ({ serving, url } = await serve({ TEAMS_ALLOW_UNAUTHENTICATED: 'true', TEAMS_EMULATOR_PORTS: String(EMULATOR_PORT) }));
  });
  afterAll(() => serving.close());

  /** POST an invoke: HTTP 200 with a JSON body, always. */
  async function answer(activity: object): Promise<any> {
    const res = await post(activity);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    return res.json();
  }

  it('adaptiveCard/action: the data\'s text is answered as if typed, in the conversation\'s context, with a card response', async () => {
    const conv = 'a:invoke-more';
    expect((await post(message('应急管理', { conversationId: conv }))).status).toBe(200);
    const first = cards(connector())[0]!;
    const more = submits(first).find((b) => b.title.startsWith('更多'))!;
    connector().length = 0;
    const body = await answer(invoke('adaptiveCard/action', execute(more.data), { conversationId: conv }));
    expect(body.statusCode).toBe(200);
    expect(body.type).toBe(CARD_RESPONSE_TYPE);
    expect(body.value.type).toBe('AdaptiveCard');
    expect(texts(body.value)[0]).toMatch(/^应急管理 · 4–6 \/ \d+$/);
    // the card replaces the pressed one: nothing else is posted for a short answer
    expect(connector()).toEqual([]);
    // the same press in another conversation has no such context
    const elsewhere = await answer(invoke('adaptiveCard/action', execute(more.data), { conversationId: 'a:invoke-other' }));
    expect(texts(elsewhere.value)[0]).not.toMatch(/应急管理 · 4–6/);
  });

  it('adaptiveCard/action with a topic: "养老", then an Execute of "2025年的目标是什么?" answers 养老\'s goals', async () => {
    const conv = 'a:invoke-goal';
    const card = (await answer(invoke('adaptiveCard/action', execute({ planBot: 1, text: '养老' }), { conversationId: conv }))).value;
    expect(texts(card)[0]).toMatch(/养老/);
    const goal = (await answer(invoke('adaptiveCard/action', execute({ text: '2025年的目标是什么?' }), { conversationId: conv }))).value;
    expect(texts(goal)[0]).toMatch(/^养老 的行动目标/);
  });

  it('adaptiveCard/action in a channel reply chain makes it one the bot is in: a plain follow-up there is answered', async () => {
    const chain = '19:invoke@thread.tacv2;messageid=1700000200001';
    const body = await answer(invoke('adaptiveCard/action', execute({ planBot: 1, text: '养老' }), { conversationId: chain, conversationType: 'channel' }));
    expect(body.type).toBe(CARD_RESPONSE_TYPE);
    expect((await post(message('2025年的目标是什么?', { conversationId: chain, conversationType: 'channel' }))).status).toBe(200);
    expect(connector().length).toBe(1);
    expect(connector()[0]!.conversation).toBe(chain);
    expect(texts(cards(connector())[0]!)[0]).toMatch(/^养老 的行动目标/);
  });

  it('adaptiveCard/action with no text in its data, or not an Action.Execute, gets a message response', async () => {
    for (const value of [execute({ somethingElse: 1 }), { action: { type: 'Action.Submit', data: { text: '更多' } } }, undefined, 'not an object']) {
      const body = await answer(invoke('adaptiveCard/action', value, { conversationId: 'a:invoke-empty' }));
      expect(body).toMatchObject({ statusCode: 200, type: MESSAGE_RESPONSE_TYPE, value: expect.stringMatching(/\S/) });
    }
    expect(connector()).toEqual([]);
  });

  it.each(OTHER_INVOKES)('%s gets 200 with its minimal valid body, and posts nothing', async (name, value, check) => {
    check(await answer(invoke(name, value, { conversationId: 'a:invoke-others' })));
    expect(connector()).toEqual([]);
  });

  it('an invoke with no name gets 200 {}', async () => {
    const { name: _n, ...nameless } = invoke('x', {});
    expect(await answer(nameless)).toEqual({});
  });

  it('a redelivered invoke (same activity id) gets 200 with a valid body, and is answered once', async () => {
    const activity = invoke('adaptiveCard/action', execute({ planBot: 1, text: '专栏14' }), { conversationId: 'a:invoke-dup', id: '1700000299999' });
    const first = await answer(activity);
    expect(first.type).toBe(CARD_RESPONSE_TYPE);
    const again = await answer(activity);
    expect(again).toMatchObject({ statusCode: 200, type: MESSAGE_RESPONSE_TYPE });
  });
});

describe('Teams invokes, plan-bot serve with an app id: signed Bot Framework tokens', () => {
  let serving: Serving;
  let url: string;
  let bf: BotFrameworkMocks;

  beforeAll(async () => {
    logs = [];
    bf = await mockBotFramework(SERVICE_URL);
    ({ serving, url } = await serve({ MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: APP_PASSWORD }));
  });
  afterAll(() => serving.close());

  const post = async (activity: object, token?: string) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(activity) });

  it('adaptiveCard/action with a valid token gets its card response', async () => {
    const res = await post(invoke('adaptiveCard/action', execute({ planBot: 1, text: '应急管理' }), { conversationId: 'a:invoke-signed' }), await bf.token());
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ statusCode: 200, type: CARD_RESPONSE_TYPE });
    expect(texts(body.value)[0]).toMatch(/^应急管理 · 1–3 /);
  });

  it.each(OTHER_INVOKES.slice(0, 4))('%s with a valid token gets 200 and its minimal body', async (name, value, check) => {
    const res = await post(invoke(name, value, { conversationId: 'a:invoke-signed' }), await bf.token());
    expect(res.status).toBe(200);
    check(await res.json());
  });

  it('an invoke without a token is still refused with 401, and nothing is answered', async () => {
    const res = await post(invoke('adaptiveCard/action', execute({ planBot: 1, text: '应急管理' })));
    expect(res.status).toBe(401);
    expect(connector()).toEqual([]);
  });

  it('a channel @mention with a valid token records the chain; the plain follow-up is answered with the outbound token', async () => {
    const chain = '19:signed@thread.tacv2;messageid=1700000300001';
    expect((await post(mention('养老', { conversationId: chain, conversationType: 'channel' }), await bf.token())).status).toBe(200);
    expect((await post(message('2025年的目标是什么?', { conversationId: chain, conversationType: 'channel' }), await bf.token())).status).toBe(200);
    expect(connector().length).toBe(2);
    expect(texts(cards(connector())[1]!)[0]).toMatch(/^养老 的行动目标/);
    // outside the chain: silence
    expect((await post(message('2025年的目标是什么?', { conversationId: '19:signed@thread.tacv2;messageid=1700000300002', conversationType: 'channel' }), await bf.token())).status).toBe(200);
    await new Promise((r) => setTimeout(r, 50));
    expect(connector().length).toBe(2);
  });
});

describe('Teams invokes when Redis is gone', () => {
  it('adaptiveCard/action and the other invokes still get 200 with a valid body', async () => {
    const h = await startTeams();
    try {
      await h.store.close();
      const res = await h.post(invoke('adaptiveCard/action', execute({ planBot: 1, text: '应急管理' }), { conversationId: 'a:invoke-no-redis' }));
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body).toMatchObject({ statusCode: 200, type: CARD_RESPONSE_TYPE });
      expect(texts(body.value)[0]).toMatch(/^应急管理 · /);
      for (const [name, value, check] of OTHER_INVOKES) {
        const r = await h.post(invoke(name, value, { conversationId: 'a:invoke-no-redis' }));
        expect(r.status).toBe(200);
        check(await r.json());
      }
    } finally {
      await h.close();
    }
  });
});
