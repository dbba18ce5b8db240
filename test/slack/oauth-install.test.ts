// Slack OAuth over real HTTP: "Add to Slack" (/slack/install → Slack's authorize page with a state and its cookie,
// /slack/oauth_redirect → oauth.v2.access, nock standing in for Slack) stores a sealed installation in the real
// Redis, and then each workspace's requests are answered with its own token. Uninstalling removes its data.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { eventEnvelope, sendEvent, sendSlashCommand } from '../support/slack-sign.js';
import { findLeaks } from '../support/secret-scan.js';
import { readAllKeys } from '../support/redis-scan.js';
import { CLIENT_ID, CLIENT_SECRET, install, startOAuthHarness, workspace, type OAuthHarness } from './oauth-harness.js';
import { waitFor } from './slack-harness.js';
import { slackOAuthParts } from '../../adapters/slack/slack-oauth.js';
import { silentLogger } from '../../src/logger.js';

const A = workspace('T0AAA');
const B = workspace('T0BBB', { refreshToken: `xoxe-1-T0BBB-${Date.now()}-refreshSECRET`, expiresIn: 43_200 });
const C = workspace('T0CCC');
// an Enterprise Grid org-wide install; T0ORG1 is one of the org's workspaces
const E = workspace('T0ORG1', { enterprise: { id: 'E0ORG', name: 'The Org' } });
const initialTokens = { A: A.token, B: B.token, Brefresh: B.refreshToken!, C: C.token };

let h: OAuthHarness;
const redis = new Redis(inject('redisUrl'));
beforeAll(async () => {
  h = await startOAuthHarness('oauth-install', [A, B, C, E]);
});
afterAll(async () => {
  await h?.close();
  redis.disconnect();
});

let n = 0;
function mention(team: string, botUserId: string, channel: string, text: string) {
  n += 1;
  const ts = `${Math.floor(Date.now() / 1000)}.${String(200000 + n)}`;
  return eventEnvelope({ type: 'app_mention', user: 'U0ASKER', text: `<@${botUserId}> ${text}`, ts, channel, event_ts: ts }, { teamId: team });
}

/** The chat.postMessage calls to a channel. */
const postsTo = (channel: string) => h.calls.filter((c) => c.method === 'chat.postMessage' && c.body.channel === channel);

describe('Slack OAuth install', () => {
  it('redirects /slack/install to Slack with a state and its cookie, stores the installation on the redirect, and answers that team with its token', async () => {
    const { start, authorizeUrl, cookie, done } = await install(h.base, A.code);
    expect(start.status).toBe(302);
    expect(authorizeUrl.origin + authorizeUrl.pathname).toBe('https://slack.com/oauth/v2/authorize');
    expect(authorizeUrl.searchParams.get('client_id')).toBe(CLIENT_ID);
    expect(authorizeUrl.searchParams.get('scope')?.split(',')).toContain('chat:write');
    const state = authorizeUrl.searchParams.get('state');
    expect(state).toBeTruthy();
    expect(cookie).toBe(`slack-app-oauth-state=${state}`);
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('installed');
    const exchange = h.calls.find((c) => c.method === 'oauth.v2.access' && c.body.code === A.code);
    expect(exchange?.body.client_id).toBe(CLIENT_ID);

    const stored = await h.serving.store.getInstallation('slack:team:T0AAA');
    expect(stored).toMatchObject({ teamId: 'T0AAA', teamName: A.teamName, isEnterpriseInstall: false, tokenRotation: false, botUserId: A.botUserId });

    const res = await sendEvent(h.base, mention('T0AAA', A.botUserId, 'C0AAA', '应急管理'));
    expect(res.status).toBe(200);
    await waitFor(() => postsTo('C0AAA').length >= 1, 5000, 'the answer in C0AAA');
    const post = postsTo('C0AAA')[0]!;
    expect(post.token).toBe(A.token);
    expect(String(post.body.text ?? '') + JSON.stringify(post.body.blocks ?? '')).toContain('应急管理');
  });

  it('answers two installed workspaces each with its own token', async () => {
    expect((await install(h.base, B.code)).done.status).toBe(200);
    expect(await h.serving.store.getInstallation('slack:team:T0BBB')).toMatchObject({ tokenRotation: true });
    await Promise.all([sendEvent(h.base, mention('T0AAA', A.botUserId, 'C0TWOA', '养老')), sendEvent(h.base, mention('T0BBB', B.botUserId, 'C0TWOB', '养老'))]);
    await waitFor(() => postsTo('C0TWOA').length >= 1 && postsTo('C0TWOB').length >= 1, 5000, 'both answers');
    expect(postsTo('C0TWOA').map((c) => c.token)).toEqual([A.token]);
    expect(postsTo('C0TWOB').map((c) => c.token)).toEqual([B.token]);
  });

  it("asks whether it can post (/plan status) with the channel's workspace's token", async () => {
    const res = await sendSlashCommand(h.base, { text: '状态', team_id: 'T0BBB', channel_id: 'C0BSTAT' });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('机器人能否在本频道发送:能');
    expect(h.calls.filter((c) => c.method === 'conversations.info' && c.body.channel === 'C0BSTAT').map((c) => c.token)).toEqual([B.token]);
  });

  it('refuses a redirect without the state cookie, with a forged state, or with a code Slack rejects: 400, nothing stored', async () => {
    const start = await fetch(`${h.base}/slack/install`, { redirect: 'manual' });
    const state = new URL(start.headers.get('location')!).searchParams.get('state')!;
    const cookie = start.headers.get('set-cookie')!.split(';')[0]!;
    const before = await h.serving.store.countInstallations();
    const noCookie = await fetch(`${h.base}/slack/oauth_redirect?code=${C.code}&state=${encodeURIComponent(state)}`);
    const forged = await fetch(`${h.base}/slack/oauth_redirect?code=${C.code}&state=forged`, { headers: { cookie: 'slack-app-oauth-state=forged' } });
    const badCode = await fetch(`${h.base}/slack/oauth_redirect?code=no-such-code&state=${encodeURIComponent(state)}`, { headers: { cookie } });
    const noCode = await fetch(`${h.base}/slack/oauth_redirect?state=x`, { headers: { cookie: 'slack-app-oauth-state=x' } });
    expect([noCookie.status, forged.status, badCode.status, noCode.status]).toEqual([400, 400, 400, 400]);
    expect((await fetch(`${h.base}/slack/install`, { method: 'POST' })).status).toBe(405);
    expect(await h.serving.store.countInstallations()).toBe(before);
    expect(await h.serving.store.getInstallation('slack:team:T0CCC')).toBeNull();
  });

  it('keeps neither a bot token nor a refresh token in clear text in any Redis key', async () => {
    const all = await readAllKeys(redis, h.serving.config.redisPrefix);
    expect(all.some((k) => k.key.includes('inst:'))).toBe(true);
    const leaks = findLeaks(
      all.map((k) => `${k.key} ${k.text}`),
      { A: { value: initialTokens.A }, B: { value: initialTokens.B }, Brefresh: { value: initialTokens.Brefresh }, clientSecret: { value: CLIENT_SECRET } },
    );
    expect(leaks).toEqual([]);
    // nor in the server's log (debug level, Bolt's and @slack/oauth's lines included)
    expect(findLeaks(h.logs, { A: { value: initialTokens.A }, B: { value: initialTokens.B }, Brefresh: { value: initialTokens.Brefresh }, clientSecret: { value: CLIENT_SECRET }, code: { value: A.code } })).toEqual([]);
  });

  it('answers nothing, and no 5xx, for a workspace that has not installed or whose installation record is corrupt', async () => {
    const none = await sendEvent(h.base, mention('T0NONE', 'U0BOTX', 'C0NONE', '应急管理'));
    await redis.set(`${h.serving.config.redisPrefix}inst:${encodeURIComponent('slack:team:T0BAD')}`, JSON.stringify({ id: 'slack:team:T0BAD', platform: 'slack', teamId: 'T0BAD', isEnterpriseInstall: false, installedAt: 'x', updatedAt: 'x', tokenRotation: false, sealed: 'v1.k1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA.AAAA' }));
    const tampered = await sendEvent(h.base, mention('T0BAD', 'U0BOTX', 'C0BAD', '应急管理'));
    expect([none.status, tampered.status]).toEqual([200, 200]);
    await new Promise((r) => setTimeout(r, 400));
    expect(postsTo('C0NONE')).toEqual([]);
    expect(postsTo('C0BAD')).toEqual([]);
    expect(h.logs.join('')).toContain('installation slack:team:T0BAD cannot be read');
    // a slash command (which the receiver authorizes itself, without Bolt's dispatch): an empty ack, no answer, no 5xx
    const command = await sendSlashCommand(h.base, { text: '应急管理', team_id: 'T0NONE', channel_id: 'C0NONE' });
    expect(command.status).toBe(200);
    expect(await command.text()).toBe('');
    expect(h.logs.join('')).toMatch(/"level":40[^\n]*slack_authorize_failed[^\n]*INSTALLATION_NOT_FOUND/);
  });

  it('app_uninstalled deletes the installation, contexts and thread memberships, and deactivates subscriptions with the reason app_uninstalled', async () => {
    expect((await install(h.base, C.code)).done.status).toBe(200);
    const sub = await sendSlashCommand(h.base, { text: '订阅 应急管理 每天 09:00', team_id: 'T0CCC', channel_id: 'C0CSUB' });
    expect(sub.status).toBe(200);
    await sendEvent(h.base, mention('T0CCC', C.botUserId, 'C0CCTX', '养老'));
    await waitFor(() => postsTo('C0CCTX').length >= 1, 5000, 'the answer in C0CCTX');
    expect(postsTo('C0CCTX')[0]!.token).toBe(C.token);
    const prefix = h.serving.config.redisPrefix;
    const ofC = async () => (await readAllKeys(redis, prefix)).map((k) => k.key).filter((k) => /^(ctx|ctxe|thr):slack:T0CCC:/.test(k.slice(prefix.length)));
    // the thread mark is written after chat.postMessage returns, so the post can be seen before it
    const deadline = Date.now() + 5000;
    while (!(await ofC()).some((k) => k.includes('thr:')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect((await ofC()).some((k) => k.includes('thr:'))).toBe(true);
    expect((await ofC()).some((k) => k.includes('ctx:'))).toBe(true);
    expect((await h.serving.store.listWorkspaceSubscriptions('slack', 'T0CCC')).map((s) => s.active)).toEqual([true]);
    const aKeysBefore = (await readAllKeys(redis, prefix)).filter((k) => k.key.includes(':slack:T0AAA:')).length;

    const envelope = eventEnvelope({ type: 'app_uninstalled', event_ts: '1' }, { teamId: 'T0CCC' });
    const res = await sendEvent(h.base, { ...envelope, authorizations: [{ team_id: 'T0CCC', is_enterprise_install: false, is_bot: true, user_id: C.botUserId }] });
    expect(res.status).toBe(200);
    await waitFor(() => h.logs.join('').includes('its data is gone'), 5000, 'the uninstall');
    expect(await h.serving.store.getInstallation('slack:team:T0CCC')).toBeNull();
    expect(await ofC()).toEqual([]);
    const subs = await h.serving.store.listWorkspaceSubscriptions('slack', 'T0CCC');
    expect(subs.map((s) => [s.active, s.deactivatedReason])).toEqual([[false, 'app_uninstalled']]);
    // listed in its channel as inactive, with the reason
    expect((await h.serving.store.listChannelSubscriptions({ platform: 'slack', workspace: 'T0CCC', conversation: 'C0CSUB' }))[0]?.deactivatedReason).toBe('app_uninstalled');
    // other workspaces keep theirs
    expect(await h.serving.store.getInstallation('slack:team:T0AAA')).not.toBeNull();
    expect((await readAllKeys(redis, prefix)).filter((k) => k.key.includes(':slack:T0AAA:')).length).toBe(aKeysBefore);
    // tokens_revoked after it (Slack sends both) finds nothing more to do, and a request from C is not answered
    const revoked = eventEnvelope({ type: 'tokens_revoked', tokens: { bot: [C.botUserId] } }, { teamId: 'T0CCC' });
    expect((await sendEvent(h.base, revoked)).status).toBe(200);
    await sendEvent(h.base, mention('T0CCC', C.botUserId, 'C0CAFTER', '养老'));
    await new Promise((r) => setTimeout(r, 300));
    expect(postsTo('C0CAFTER')).toEqual([]);
  });

  it('installs org-wide on an Enterprise Grid org: its workspaces are answered, and their digests posted, with the org token; uninstalling the org forgets them', async () => {
    expect((await install(h.base, E.code)).done.status).toBe(200);
    expect(await h.serving.store.getInstallation('slack:org:E0ORG')).toMatchObject({ isEnterpriseInstall: true, enterpriseId: 'E0ORG', enterpriseName: 'The Org' });
    const parts0 = () => slackOAuthParts(h.serving.config.slack!, h.serving.config.slack!.oauth!, h.serving.store, silentLogger());
    const orgEnvelope = (event: Record<string, unknown>) => ({ ...eventEnvelope(event, { teamId: 'T0ORG1' }), enterprise_id: 'E0ORG', authorizations: [{ enterprise_id: 'E0ORG', team_id: null, user_id: E.botUserId, is_bot: true, is_enterprise_install: true }] });
    const ts = `${Math.floor(Date.now() / 1000)}.300001`;
    await sendEvent(h.base, orgEnvelope({ type: 'app_mention', user: 'U0ASKER', text: `<@${E.botUserId}> 养老`, ts, channel: 'C0ORG', event_ts: ts }));
    await waitFor(() => postsTo('C0ORG').length >= 1, 5000, 'the answer in C0ORG');
    expect(postsTo('C0ORG')[0]!.token).toBe(E.token);
    // a slash command from a workspace of the org is authorized by the org's installation (asks with the org's token)
    const status = await sendSlashCommand(h.base, { text: '状态', team_id: 'T0ORG2', channel_id: 'C0ORGSTAT', enterprise_id: 'E0ORG', is_enterprise_install: 'true' });
    expect(status.status).toBe(200);
    expect(await status.text()).toContain('机器人能否在本频道发送:能');
    expect(h.calls.filter((c) => c.method === 'conversations.info' && c.body.channel === 'C0ORGSTAT').map((c) => c.token)).toEqual([E.token]);
    // and that workspace is remembered as the org's, for its digests
    expect((await parts0().tokens.botAuthForTeam('T0ORG2')).botToken).toBe(E.token);
    // a digest for that workspace, sent outside any request, finds the org's installation
    const slack = h.serving.config.slack!;
    const parts = slackOAuthParts(slack, slack.oauth!, h.serving.store, silentLogger());
    expect((await parts.tokens.botAuthForTeam('T0ORG1')).botToken).toBe(E.token);
    const prefix = h.serving.config.redisPrefix;
    expect((await readAllKeys(redis, prefix)).some((k) => k.key.startsWith(`${prefix}thr:slack:T0ORG1:`))).toBe(true);

    await sendEvent(h.base, orgEnvelope({ type: 'app_uninstalled' }));
    await waitFor(() => h.logs.join('').includes('installation":"org:E0ORG'), 5000, 'the org uninstall');
    expect(await h.serving.store.getInstallation('slack:org:E0ORG')).toBeNull();
    expect((await readAllKeys(redis, prefix)).filter((k) => /^(ctx|ctxe|thr):slack:T0ORG1:/.test(k.key.slice(prefix.length)))).toEqual([]);
    await expect(parts.tokens.botAuthForTeam('T0ORG1')).rejects.toThrow(/not installed/);
  });
});
