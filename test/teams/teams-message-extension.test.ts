// The Teams message extension (issue 14): the compose-box search (composeExtension/query) and link unfurling of
// PUBLIC_URL's passage links (composeExtension/queryLink). Invoke activities shaped as Microsoft documents them
// ("Respond to search command", "Link unfurling"), signed with a Bot Framework token, POSTed over real HTTP to an
// in-process plan-bot serve; only Microsoft's identity endpoints and the Connector are nock.
import '../support/node20-nock.js';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../app/config.js';
import { startServe, type Serving } from '../../app/serve.js';
import { CARD_RESPONSE_TYPE } from '../../adapters/teams/invoke-response.js';
import { QUERY_PARAMETER, SEARCH_COMMAND } from '../../adapters/teams/message-extension.js';
import { EXTENSION_CARD_VERSION, THUMBNAIL_TYPE } from '../../adapters/teams/passage-card.js';
import { silentLogger } from '../../src/logger.js';
import { passageUrl } from '../../src/reply/passage-link.js';
import { freePort } from '../support/free-port.js';
import { knowledge } from '../support/knowledge.js';
import { APP_ID, APP_PASSWORD, mockBotFramework, type BotFrameworkMocks } from './bot-framework-auth.js';
import { loadReference } from '../../adapters/teams/conversation-reference.js';
import { EMULATOR_PORT, SERVICE_URL, TENANT, message, startTeams, texts, useConnector, type ActivityOptions } from './teams-harness.js';

const connector = useConnector();

/** An invoke activity as Teams posts it for a message extension: from the compose box of a chat. */
function invoke(name: string, value: unknown, o: ActivityOptions = {}): Record<string, unknown> {
  const { text: _t, textFormat: _f, channelData, ...rest } = message(undefined, { conversationId: 'a:compose-1', ...o }) as Record<string, any>;
  return { ...rest, type: 'invoke', name, value, channelData: { ...channelData, source: { name: 'compose' } } };
}

/** The value of a search command as Teams sends it while the user types (or, initialRun, when the command opens). */
function query(text: string | undefined, queryOptions: unknown = { skip: 0, count: 25 }, commandId = SEARCH_COMMAND): Record<string, unknown> {
  const parameters = text === undefined ? [{ name: 'initialRun', value: 'true' }] : [{ name: QUERY_PARAMETER, value: text }];
  return { commandId, parameters, queryOptions };
}

/** A card's text as the reader sees it: Markdown bold and escapes removed. */
const plain = (card: Record<string, any>) => texts(card).join('\n').replace(/[\\*]/g, '');

/** Whatever the invoke, the body is one Teams accepts: a composeExtension result (with its attachments) or message. */
function expectValidExtensionBody(body: any): void {
  expect(Object.keys(body)).toEqual(['composeExtension']);
  const ext = body.composeExtension;
  if (ext.type === 'message') {
    expect(ext.text).toMatch(/\S/);
    return;
  }
  expect(ext).toMatchObject({ type: 'result', attachmentLayout: 'list', attachments: expect.any(Array) });
  for (const a of ext.attachments) {
    expect(a.contentType).toBe(CARD_RESPONSE_TYPE);
    expect(a.content).toMatchObject({ type: 'AdaptiveCard', version: EXTENSION_CARD_VERSION, body: expect.any(Array) });
    expect(a.preview).toMatchObject({ contentType: THUMBNAIL_TYPE, content: { title: expect.stringMatching(/\S/), text: expect.any(String) } });
    expect(Buffer.byteLength(JSON.stringify(a), 'utf8')).toBeLessThan(28_000);
  }
}

const PLAN = 'xinxihua-14th';
const byTitle = (title: string) => knowledge().library.passages.find((p) => p.title === title)!;

describe('Teams message extension, plan-bot serve with an app id and PUBLIC_URL', () => {
  let serving: Serving;
  let url: string;
  let base: string;
  let bf: BotFrameworkMocks;

  beforeAll(async () => {
    bf = await mockBotFramework(SERVICE_URL);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const config = loadConfig({
      PORT: String(port),
      PUBLIC_URL: base,
      WEB_CHAT: 'false',
      REDIS_URL: inject('redisUrl'),
      REDIS_PREFIX: `test-teams-ext-${randomUUID()}:`,
      DIGEST_ENABLED: 'false',
      MICROSOFT_APP_ID: APP_ID,
      MICROSOFT_APP_PASSWORD: APP_PASSWORD,
    });
    serving = await startServe({ config, knowledge: knowledge(), logger: silentLogger(), host: '127.0.0.1' });
    url = `${base}/api/messages`;
  });
  afterAll(() => serving?.close());

  const post = async (activity: object, signed = true) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(signed ? { authorization: `Bearer ${await bf.token()}` } : {}) }, body: JSON.stringify(activity) });

  /** POST an invoke, signed: HTTP 200 with a JSON body Teams accepts, always. */
  async function answer(activity: object): Promise<any> {
    const res = await post(activity);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = await res.json();
    expectValidExtensionBody(body);
    return body;
  }

  it('composeExtension/query for 数据安全: 200 within 1 s, with the 强化数据安全保障 passage as a card and a preview', async () => {
    const token = await bf.token();
    const started = performance.now();
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(invoke('composeExtension/query', query('数据安全'))) });
    const body = await res.json();
    const ms = performance.now() - started;
    expect(res.status).toBe(200);
    expect(ms).toBeLessThan(1000);
    expectValidExtensionBody(body);
    const { attachments } = body.composeExtension;
    expect(attachments.length).toBeGreaterThanOrEqual(1);
    const passage = byTitle('强化数据安全保障。');
    const hit = attachments.find((a: any) => plain(a.content).includes('强化数据安全保障'));
    expect(hit, JSON.stringify(attachments.map((a: any) => a.preview.content.title))).toBeDefined();
    // the card carries the passage itself: its whole text, its place in the plan, the query's words in bold
    expect(plain(hit.content)).toContain(passage.text);
    expect(plain(hit.content)).toContain(passage.path.join(' › '));
    expect(texts(hit.content).join('\n')).toContain('**数据安全**');
    expect(hit.preview.content.title).toBe(passage.title);
    // and its link to the reader page, which answers
    const link = passageUrl(base, passage.id)!;
    expect(hit.content.actions).toEqual([{ type: 'Action.OpenUrl', title: '查看原文', url: link }]);
    expect((await fetch(link)).status).toBe(200);
    // the search is answered in the response: nothing is posted to the conversation
    expect(connector()).toEqual([]);
  });

  it('pages with queryOptions.skip and count: consecutive pages are the ranked list cut in order', async () => {
    const ids = (b: any) => b.composeExtension.attachments.map((a: any) => a.content.actions?.[0]?.url);
    const all = ids(await answer(invoke('composeExtension/query', query('应急管理', { skip: 0, count: 6 }))));
    expect(all.length).toBe(6);
    const first = ids(await answer(invoke('composeExtension/query', query('应急管理', { skip: 0, count: 3 }))));
    const second = ids(await answer(invoke('composeExtension/query', query('应急管理', { skip: 3, count: 3 }))));
    expect([...first, ...second]).toEqual(all);
    const past = await answer(invoke('composeExtension/query', query('应急管理', { skip: 500, count: 25 })));
    expect(past.composeExtension).toMatchObject({ type: 'result', attachments: [] });
  });

  it('the initial run (nothing typed yet) lists the plan\'s parts, then its 专栏', async () => {
    const body = await answer(invoke('composeExtension/query', query(undefined)));
    const titles = body.composeExtension.attachments.map((a: any) => a.preview.content.title);
    const parts = knowledge().library.allNodes().filter((n) => n.kind === 'part').map((n) => n.heading);
    const boxes = knowledge().library.passages.filter((p) => p.kind === 'box').map((p) => p.title);
    expect(titles).toEqual([...parts, ...boxes].slice(0, 25));
    // an empty query typed is the same as the initial run
    const empty = await answer(invoke('composeExtension/query', query('  ')));
    expect(empty.composeExtension.attachments.map((a: any) => a.preview.content.title)).toEqual(titles);
  });

  it('a structural query (专栏14) lists the box itself first', async () => {
    const body = await answer(invoke('composeExtension/query', query('专栏14')));
    expect(body.composeExtension.attachments[0].preview.content.title).toBe(knowledge().library.box(14)!.title);
  });

  it('a query that finds nothing says so, with examples', async () => {
    const body = await answer(invoke('composeExtension/query', query('zzzz不存在的东西qq')));
    expect(body.composeExtension.type).toBe('message');
    expect(body.composeExtension.text).toContain('没有找到');
  });

  it('composeExtension/queryLink with one of our passage links: that passage\'s card and preview', async () => {
    const item = knowledge().library.passage(`${PLAN}:box14.i1`)!;
    const link = passageUrl(base, item.id)!;
    const body = await answer(invoke('composeExtension/queryLink', { url: link }));
    const [a, ...more] = body.composeExtension.attachments;
    expect(more).toEqual([]);
    expect(texts(a.content)[0]).toBe(item.title);
    expect(plain(a.content)).toContain(item.text);
    expect(plain(a.content)).toContain(item.path[item.path.length - 1]!);
    expect(a.content.actions).toEqual([{ type: 'Action.OpenUrl', title: '查看原文', url: link }]);
    expect(a.preview.content.title).toBe(item.title);
  });

  it('queryLink with a part\'s link: the part, linked to its page', async () => {
    const part = knowledge().library.node(`${PLAN}:p5`)!;
    const body = await answer(invoke('composeExtension/queryLink', { url: `${base}/p/${PLAN}/p5?from=teams` }));
    const [a] = body.composeExtension.attachments;
    expect(a.preview.content.title).toBe(part.heading);
    expect(texts(a.content)[0]).toBe(part.heading);
    expect(a.content.actions[0].url).toBe(passageUrl(base, part.id));
  });

  it.each([
    ['a foreign site', 'https://example.com/p/xinxihua-14th/box14.i1'],
    ['our host on another port', `http://127.0.0.1:1/p/${PLAN}/box14.i1`],
    ['our plan page (not a passage)', `BASE/plan/${PLAN}`],
    ['a passage that does not exist (any more)', `BASE/p/${PLAN}/box99.i9`],
    ['a plan that does not exist', 'BASE/p/no-such-plan/box14.i1'],
    ['a malformed escape', 'BASE/p/%E0%A4%A/box14'],
    ['not a URL', 'not a url at all'],
  ])('queryLink with %s: a valid empty result', async (_what, link) => {
    const body = await answer(invoke('composeExtension/queryLink', { url: link.replace('BASE', base) }));
    expect(body).toEqual({ composeExtension: { type: 'result', attachmentLayout: 'list', attachments: [] } });
  });

  it.each([
    ['no value', 'composeExtension/query', undefined],
    ['a string value', 'composeExtension/query', 'searchPlan'],
    ['parameters not an array', 'composeExtension/query', { commandId: SEARCH_COMMAND, parameters: { query: '数据安全' } }],
    ['no commandId', 'composeExtension/query', { parameters: [{ name: QUERY_PARAMETER, value: '数据安全' }] }],
    ['an unknown commandId', 'composeExtension/query', query('数据安全', { skip: 0, count: 25 }, 'deletePlan')],
    ['a query value that is an object', 'composeExtension/query', { commandId: SEARCH_COMMAND, parameters: [{ name: QUERY_PARAMETER, value: { $gt: '' } }] }],
    ['a numeric query value', 'composeExtension/query', { commandId: SEARCH_COMMAND, parameters: [{ name: QUERY_PARAMETER, value: 14 }] }],
    ['negative and non-numeric paging', 'composeExtension/query', query('数据安全', { skip: -5, count: 'all' })],
    ['a huge count', 'composeExtension/query', query('数据安全', { skip: 0, count: 1e9 })],
    ['queryOptions a string', 'composeExtension/query', query('数据安全', 'skip=0')],
    ['a query of 20,000 characters', 'composeExtension/query', query('数据安全'.repeat(5000))],
    ['markup and script in the query', 'composeExtension/query', query('<script>alert(1)</script>"><img src=x onerror=alert(1)> 数据安全')],
    ['nothing but markup and script in the query', 'composeExtension/query', query('<script>alert(1)</script><img src=x onerror=alert(1)>')],
    ['queryLink without a url', 'composeExtension/queryLink', {}],
    ['queryLink with a url that is a number', 'composeExtension/queryLink', { url: 42 }],
    ['queryLink with a 5,000-character url', 'composeExtension/queryLink', { url: `https://example.com/${'a'.repeat(5000)}` }],
  ])('malformed: %s gets 200 with a valid body, quickly', async (_what, name, value) => {
    const started = performance.now();
    const body = await answer(invoke(name, value));
    expect(performance.now() - started).toBeLessThan(1000);
    const shown = JSON.stringify(body);
    expect(shown).not.toContain('<script>');
    expect(shown).not.toContain('<img');
    expect(connector()).toEqual([]);
  });

  it('paging is bounded: at most 25 attachments, whatever count asks for', async () => {
    const body = await answer(invoke('composeExtension/query', query('数据', { skip: 0, count: 1000 })));
    expect(body.composeExtension.attachments.length).toBeLessThanOrEqual(25);
    expect(body.composeExtension.attachments.length).toBeGreaterThan(3);
  });

  it('an unsigned query is refused with 401, as every other activity', async () => {
    const res = await post(invoke('composeExtension/query', query('数据安全')), false);
    expect(res.status).toBe(401);
  });
});

describe('Teams message extension without PUBLIC_URL (unauthenticated local testing)', () => {
  let serving: Serving;
  let url: string;

  beforeAll(async () => {
    const config = loadConfig({ PORT: '0', WEB_CHAT: 'false', REDIS_URL: inject('redisUrl'), REDIS_PREFIX: `test-teams-ext-${randomUUID()}:`, DIGEST_ENABLED: 'false', TEAMS_ALLOW_UNAUTHENTICATED: 'true', TEAMS_EMULATOR_PORTS: String(EMULATOR_PORT) });
    serving = await startServe({ config, knowledge: knowledge(), logger: silentLogger(), host: '127.0.0.1' });
    url = `http://127.0.0.1:${serving.port}/api/messages`;
  });
  afterAll(() => serving?.close());

  const answer = async (activity: object) => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    expect(res.status).toBe(200);
    const body = await res.json();
    expectValidExtensionBody(body);
    return body;
  };

  it('the search still answers, with cards that link nowhere', async () => {
    const body = await answer(invoke('composeExtension/query', query('数据安全')));
    const hit = body.composeExtension.attachments.find((a: any) => plain(a.content).includes('强化数据安全保障'));
    expect(hit).toBeDefined();
    expect(hit.content.actions).toBeUndefined();
  });

  it('queryLink of any link is a valid empty result: there are no passage pages to unfurl', async () => {
    const body = await answer(invoke('composeExtension/queryLink', { url: `http://127.0.0.1:${serving.port}/p/${PLAN}/box14.i1` }));
    expect(body).toEqual({ composeExtension: { type: 'result', attachmentLayout: 'list', attachments: [] } });
  });
});

describe('Teams message extension and the Store', () => {
  it('a search or unfurl from a chat\'s compose box keeps no conversation reference; a message does', async () => {
    const h = await startTeams({ teamsAllowUnauthenticated: true, teamsEmulatorPorts: [EMULATOR_PORT] });
    try {
      const conv = `a:compose-${randomUUID()}`;
      for (const activity of [invoke('composeExtension/query', query('数据安全'), { conversationId: conv }), invoke('composeExtension/queryLink', { url: 'https://example.com/' }, { conversationId: conv })]) {
        expect((await h.post(activity)).status).toBe(200);
      }
      expect(await loadReference(h.store, TENANT, conv)).toBeNull();
      expect((await h.post(message('数据安全', { conversationId: conv }))).status).toBe(200);
      expect(await loadReference(h.store, TENANT, conv)).not.toBeNull();
    } finally {
      await h.close();
    }
  });

  it('with Redis gone, the search still answers within 1 s', async () => {
    const h = await startTeams({ teamsAllowUnauthenticated: true, teamsEmulatorPorts: [EMULATOR_PORT] });
    try {
      await h.store.close();
      const started = performance.now();
      const res = await h.post(invoke('composeExtension/query', query('数据安全')));
      const body = await res.json();
      expect(res.status).toBe(200);
      expect(performance.now() - started).toBeLessThan(1000);
      expect(body.composeExtension.attachments.some((a: any) => plain(a.content).includes('强化数据安全保障'))).toBe(true);
    } finally {
      await h.close();
    }
  });
});
