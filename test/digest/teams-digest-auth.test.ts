// With MICROSOFT_APP_ID set, a Teams digest is posted with the bot's outbound token from Entra ID (mocked with nock,
// like every Microsoft endpoint here); the Bot Connector is a local stand-in.
import '../support/node20-nock.js';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teamsDigestSenderFrom } from '../../adapters/teams/teams-digest-sender.js';
import { previewDigest } from '../../src/digest/compose-digest.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { knowledge } from '../support/knowledge.js';
import { APP_ID, APP_PASSWORD, mockBotFramework, OUTBOUND_TOKEN } from '../teams/bot-framework-auth.js';
import { quietLogger, slackSub } from './support/digest-fixtures.js';
import { startStandIn, type StandIn } from './support/stand-in-server.js';

let connector: StandIn;
beforeAll(async () => {
  connector = await startStandIn(() => ({ id: 'activity-1' }));
  nock.disableNetConnect();
  nock.enableNetConnect(/^(127\.0\.0\.1|localhost)/);
});
afterAll(async () => {
  nock.cleanAll();
  nock.enableNetConnect();
  await connector.close();
});

describe('Teams digests with an app id', () => {
  it('carry the bot token, and a saved reference is found when the subscription has none', async () => {
    const mocks = await mockBotFramework(`${connector.origin}/`);
    const store = new MemoryStore();
    const conversation = '19:auth@thread.tacv2';
    // saved by the Teams adapter under its name for the conversation
    await store.setValue(`teams-ref:tenant-1:${conversation}`, { channelId: 'msteams', serviceUrl: `${connector.origin}/`, conversation: { id: conversation, tenantId: 'tenant-1' }, bot: { id: `28:${APP_ID}` } });
    const sender = teamsDigestSenderFrom({ microsoftAppId: APP_ID, microsoftAppPassword: APP_PASSWORD, microsoftAppType: 'MultiTenant' }, store, quietLogger);
    const sub = { ...slackSub(conversation, { workspace: 'tenant-1' }), platform: 'teams' as const };
    const outcome = await sender.send(sub, previewDigest(knowledge(), '应急管理', '2026-12-01'), { attempt: 1 });
    expect(outcome).toEqual({ kind: 'ok' });
    expect(mocks.tokenRequests()).toBe(1);
    const [post] = connector.received;
    expect(post!.path).toBe(`/v3/conversations/${encodeURIComponent(conversation)}/activities`);
    expect(post!.headers.authorization).toBe(`Bearer ${OUTBOUND_TOKEN}`);
    expect(post!.body).toMatchObject({ type: 'message', conversation: { id: conversation }, from: { id: `28:${APP_ID}` } });
  });

  it('a conversation with no reference at all is a permanent error', async () => {
    const sender = teamsDigestSenderFrom({}, new MemoryStore(), quietLogger);
    const sub = { ...slackSub('19:unknown@thread.tacv2', { workspace: 'tenant-1' }), platform: 'teams' as const };
    expect(await sender.send(sub, previewDigest(knowledge(), '应急管理', '2026-12-01'), { attempt: 1 })).toEqual({ kind: 'permanent', reason: 'no_reference' });
  });
});
