// With MICROSOFT_APP_ID set, /api/messages takes only requests carrying a valid Bot Framework token.
// botbuilder's own validation runs against nock-served OpenID metadata and JWKS (a test RSA key); the
// bot's outbound token comes from a nock-served Entra ID token endpoint.
import '../support/node20-nock.js';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { APP_ID, APP_PASSWORD, OUTBOUND_TOKEN, mockBotFramework, type BotFrameworkMocks } from './bot-framework-auth.js';
import { SERVICE_URL, cards, message, startTeams, texts, type TeamsHarness } from './teams-harness.js';

let h: TeamsHarness;
let bf: BotFrameworkMocks;
const unmatched: string[] = [];

beforeAll(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
  nock.emitter.on('no match', (req: Request) => {
    if (new URL(req.url).hostname !== '127.0.0.1') unmatched.push(`${req.method} ${req.url}`);
  });
  bf = await mockBotFramework(SERVICE_URL);
  h = await startTeams({ microsoftAppId: APP_ID, microsoftAppPassword: APP_PASSWORD, microsoftAppType: 'MultiTenant' });
});
afterAll(async () => {
  await h.close();
  nock.cleanAll();
  nock.enableNetConnect();
});
afterEach(() => {
  h.posted.length = 0;
  expect(unmatched).toEqual([]);
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function rejected(activity: object, headers: Record<string, string>): Promise<void> {
  const res = await h.post(activity, headers);
  expect(res.status).toBe(401);
  expect(await res.json()).toEqual({ error: 'unauthorized' });
  // give a wrongly accepted turn time to post, so "nothing is sent" is really checked
  await new Promise((r) => setTimeout(r, 50));
  expect(h.posted).toEqual([]);
}

describe('Teams endpoint with an app id: Bot Framework tokens', () => {
  it('rejects a request without a token with 401, and sends nothing', async () => {
    await rejected(message('/plan 应急管理'), {});
  });

  it('rejects a token for another audience (app id)', async () => {
    await rejected(message('/plan 应急管理'), bearer(await bf.token({ aud: '00000000-1111-4222-8333-444444444444' })));
  });

  it('rejects a token from another issuer', async () => {
    await rejected(message('/plan 应急管理'), bearer(await bf.token({ iss: 'https://evil.example.com' })));
  });

  it('rejects an expired token', async () => {
    await rejected(message('/plan 应急管理'), bearer(await bf.token({}, { expiresInSeconds: -3600 })));
  });

  it('rejects a token whose serviceurl claim does not match the activity', async () => {
    await rejected(message('/plan 应急管理'), bearer(await bf.token({ serviceurl: 'https://attacker.example.com/' })));
  });

  it('rejects a token signed by a key that is not in the JWKS', async () => {
    await rejected(message('/plan 应急管理'), bearer(await bf.token({}, { key: bf.strangerKey })));
  });

  it('rejects a malformed Authorization header', async () => {
    await rejected(message('/plan 应急管理'), { authorization: 'Bearer not.a.jwt' });
    await rejected(message('/plan 应急管理'), { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` });
  });

  it('answers a request with a valid token, posting with the outbound token from the token endpoint', async () => {
    const res = await h.post(message('/plan 应急管理', { conversationId: 'a:auth-ok' }), bearer(await bf.token()));
    expect(res.status).toBe(200);
    expect(h.posted.length).toBe(1);
    expect(h.posted[0]!.conversation).toBe('a:auth-ok');
    expect(h.posted[0]!.authorization).toBe(`Bearer ${OUTBOUND_TOKEN}`);
    expect(texts(cards(h.posted)[0]!)[0]).toMatch(/^应急管理 · /);
    expect(bf.tokenRequests()).toBe(1);
  });

  it('a rejected delivery does not use up the activity id: the genuine one is still answered', async () => {
    const activity = message('数据治理', { conversationId: 'a:auth-dedup', id: '1700000077777' });
    await rejected(activity, {});
    const ok = await h.post(activity, bearer(await bf.token()));
    expect(ok.status).toBe(200);
    expect(h.posted.length).toBe(1);
    const again = await h.post(activity, bearer(await bf.token()));
    expect(again.status).toBe(200);
    expect(h.posted.length).toBe(1);
  });
});
