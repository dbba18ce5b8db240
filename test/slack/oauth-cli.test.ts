// plan-bot installations list and plan-bot keys rotate as real child processes, against the installations a real
// OAuth install flow stored in the real Redis: listing shows ids, names, dates and token status, never a token;
// rotating to a new key re-seals every installation, which the server then reads with the new key alone.
import { afterAll, describe, expect, it } from 'vitest';
import { Keyring, parseKeyring } from '../../src/secrets/keyring.js';
import { eventEnvelope, sendEvent } from '../support/slack-sign.js';
import { runPlanBot } from '../support/plan-bot-process.js';
import { findLeaks } from '../support/secret-scan.js';
import { install, newKey, oauthEnv, startOAuthHarness, workspace, type OAuthHarness } from './oauth-harness.js';
import { waitFor } from './slack-harness.js';

const A = workspace('T0LA');
const B = workspace('T0LB', { refreshToken: 'xoxe-1-T0LB-refreshSECRET', expiresIn: 43_200 });
const k1 = newKey('k1');
const k2 = newKey('k2');
let h: OAuthHarness | undefined;
afterAll(async () => h?.close());

describe('plan-bot installations list and keys rotate', () => {
  it('lists installations without tokens, rotates them to a new key, and the server reads them with that key alone', async () => {
    h = await startOAuthHarness('oauth-cli', [A, B], { INSTALLATION_ENCRYPTION_KEYS: k1 });
    const prefix = h.serving.config.redisPrefix;
    for (const w of [A, B]) expect((await install(h.base, w.code)).done.status).toBe(200);
    const env = (keys: string) => oauthEnv(prefix, keys);

    const list = await runPlanBot(['installations', 'list'], '', env(k1));
    expect(list.code, list.stderr).toBe(0);
    expect(list.lines).toHaveLength(2);
    expect(list.stdout).toContain('team T0LA (Team T0LA)');
    expect(list.stdout).toMatch(/team T0LB \(Team T0LB\) — installed \d{4}-\d\d-\d\dT.* — token: rotating, expires \d{4}-/);
    expect(list.stdout).toContain('token: no rotation');
    const json = await runPlanBot(['installations', 'list', '--json'], '', env(k1));
    const rows = json.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rows.map((r) => r.teamId).sort()).toEqual(['T0LA', 'T0LB']);
    expect(rows.find((r) => r.teamId === 'T0LB')).toMatchObject({ kind: 'workspace', tokenRotation: true });
    const secrets = { A: { value: A.token }, B: { value: B.token }, Br: { value: B.refreshToken! } };
    expect(findLeaks([list.stdout, list.stderr, json.stdout, json.stderr], secrets)).toEqual([]);
    expect(json.stdout).not.toContain('sealed');

    // a key no installation was sealed with opens none: refused, nothing changed
    const wrong = await runPlanBot(['keys', 'rotate'], '', env(newKey('k9')));
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('SECRET_UNREADABLE');

    const rotated = await runPlanBot(['keys', 'rotate'], '', env(`${k2},${k1}`));
    expect(rotated.code, rotated.stderr).toBe(0);
    expect(JSON.parse(rotated.lines[0]!)).toMatchObject({ installations: 2, rotated: 2, current: 0, unreadable: [], key: 'k2' });
    const again = await runPlanBot(['keys', 'rotate'], '', env(`${k2},${k1}`));
    expect(JSON.parse(again.lines[0]!)).toMatchObject({ rotated: 0, current: 2 });
    const onlyK2 = new Keyring((parseKeyring(k2) as { ok: true; keys: never }).keys);
    for (const inst of await h.serving.store.listInstallations()) {
      expect(Keyring.keyIdOf(inst.sealed)).toBe('k2');
      expect(JSON.parse(onlyK2.open(inst.sealed, inst.id)).bot.userId).toBe(inst.botUserId);
    }

    // the server restarted with the new key only answers both workspaces with their tokens
    await h.close();
    h = await startOAuthHarness('oauth-cli-2', [A, B], { INSTALLATION_ENCRYPTION_KEYS: k2, REDIS_PREFIX: prefix });
    const ts = `${Math.floor(Date.now() / 1000)}.000900`;
    await sendEvent(h.base, eventEnvelope({ type: 'app_mention', user: 'U0ASKER', text: `<@${B.botUserId}> 养老`, ts, channel: 'C0LB', event_ts: ts }, { teamId: 'T0LB' }));
    await waitFor(() => h!.calls.some((c) => c.method === 'chat.postMessage' && c.body.channel === 'C0LB'), 5000, 'the answer');
    expect(h.calls.find((c) => c.method === 'chat.postMessage')?.token).toBe(B.token);
  });

  it('refuses installations list without REDIS_URL, naming it', async () => {
    const r = await runPlanBot(['installations', 'list'], '', {});
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('REDIS_URL');
  });
});
