// Issue 11: every outbound call bounded. botbuilder fetches the Bot Framework OpenID metadata and JWKS (node-fetch)
// and the bot's outbound token (msal-node) with no timeout of its own. Here Microsoft's endpoints (nock) never
// answer: the Teams request is still answered within TEAMS_SEND_TIMEOUT_MS (and the turn's 500 ms), and a Teams
// digest gets a retry-after instead of holding its worker.
import '../support/node20-nock.js';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { teamsDigestSenderFrom } from '../../adapters/teams/teams-digest-sender.js';
import { previewDigest } from '../../src/digest/compose-digest.js';
import { silentLogger } from '../../src/logger.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { slackSub } from '../digest/support/digest-fixtures.js';
import { knowledge } from '../support/knowledge.js';
import { APP_ID, APP_PASSWORD, mockBotFramework } from './bot-framework-auth.js';
import { message, SERVICE_URL, startTeams, type TeamsHarness } from './teams-harness.js';

const TIMEOUT_MS = 800;
/** What the test allows past a deadline on a loaded machine. */
const MARGIN_MS = 700;
/** The turn's deadline starts after the token check and the bot's (first, cold) answer: allow for them too. */
const TURN_MARGIN_MS = 1200;

let release!: () => void;
const never = new Promise<void>((resolve) => (release = resolve));
const teams = { microsoftAppId: APP_ID, microsoftAppPassword: APP_PASSWORD, microsoftAppType: 'MultiTenant' as const, teamsSendTimeoutMs: TIMEOUT_MS };

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
});
afterEach(() => nock.cleanAll());
afterAll(() => {
  // let the held answers go, so nothing outlives the file
  release();
  nock.enableNetConnect();
});

async function timed(work: Promise<Response>): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  const res = await work;
  await res.arrayBuffer();
  return { status: res.status, ms: performance.now() - started };
}

describe('Microsoft endpoints that never answer', () => {
  let h: TeamsHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('OpenID metadata: the request gets 503 auth_unavailable within TEAMS_SEND_TIMEOUT_MS, nothing is answered', async () => {
    const bf = await mockBotFramework(SERVICE_URL, { hang: { metadata: never } });
    h = await startTeams(teams);
    const { status, ms } = await timed(h.post(message('/plan 应急管理', { conversationId: 'a:hang-metadata' }), { authorization: `Bearer ${await bf.token()}` }));
    console.log(`hanging OpenID metadata: answered ${status} after ${ms.toFixed(0)} ms (timeout ${TIMEOUT_MS} ms)`);
    expect(status).toBe(503);
    expect(ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(ms).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
    expect(h.posted).toEqual([]);
  });

  it('token endpoint: the turn whose reply needs a token is released within the turn deadline', async () => {
    const bf = await mockBotFramework(SERVICE_URL, { hang: { token: never } });
    h = await startTeams(teams);
    const { status, ms } = await timed(h.post(message('/plan 应急管理', { conversationId: 'a:hang-token' }), { authorization: `Bearer ${await bf.token()}` }));
    console.log(`hanging token endpoint: answered ${status} after ${ms.toFixed(0)} ms (turn deadline ${TIMEOUT_MS + 500} ms)`);
    expect(bf.tokenRequests()).toBe(1);
    expect(status).toBe(500);
    expect(ms).toBeLessThan(TIMEOUT_MS + 500 + TURN_MARGIN_MS);
    expect(h.posted).toEqual([]);
  });

  it('token endpoint: a Teams digest gets a retry-after within its timeout instead of waiting forever', async () => {
    const bf = await mockBotFramework(SERVICE_URL, { hang: { token: never } });
    const store = new MemoryStore();
    const conversation = '19:hang@thread.tacv2';
    const ref = { channelId: 'msteams', serviceUrl: SERVICE_URL, conversation: { id: conversation, tenantId: 'tenant-1' }, bot: { id: `28:${APP_ID}` } };
    const sender = teamsDigestSenderFrom(teams, store, silentLogger());
    const sub = { ...slackSub(conversation, { workspace: 'tenant-1' }), platform: 'teams' as const, ref };
    const started = performance.now();
    const outcome = await sender.send(sub, previewDigest(knowledge(), '应急管理', '2026-12-01'), { attempt: 1 });
    const ms = performance.now() - started;
    console.log(`hanging token endpoint, digest: ${outcome.kind} after ${ms.toFixed(0)} ms (timeout ${TIMEOUT_MS} ms)`);
    expect(bf.tokenRequests()).toBe(1);
    expect(outcome).toMatchObject({ kind: 'retry-after', reason: expect.stringContaining(`within ${TIMEOUT_MS} ms`) });
    expect(ms).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
  });
});
