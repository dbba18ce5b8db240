import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postSigned, sendEvent, sendInteraction, sendSlashCommand } from '../support/slack-sign.js';
import { quiet, startSlackHarness, type Harness } from './slack-harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startSlackHarness('malformed');
});
afterAll(async () => h?.close());

describe('malformed requests get a clean 4xx and break nothing', () => {
  const cases: Array<[string, () => Promise<Response>, number]> = [
    ['signed JSON that is not JSON', () => postSigned(h.base, '{"type": "event_callback", ', 'application/json'), 400],
    ['signed JSON of an unknown type', () => postSigned(h.base, '{"type":"surprise"}', 'application/json'), 400],
    // Bolt's default HTTPReceiver reads body.ssl_check of these and the process dies: plan-bot must answer 400 and stay up
    ['signed JSON null', () => postSigned(h.base, 'null', 'application/json'), 400],
    ['a signed interaction payload of null', () => postSigned(h.base, 'payload=null', 'application/x-www-form-urlencoded'), 400],
    ['signed JSON that is an array', () => postSigned(h.base, '[{"type":"event_callback"}]', 'application/json'), 400],
    ['an event without event_id', () => sendEvent(h.base, { type: 'event_callback', team_id: 'T0TEST', event: { type: 'app_mention' } }), 400],
    ['an event whose event is a string', () => sendEvent(h.base, { type: 'event_callback', team_id: 'T0TEST', event_id: 'Ev1', event: 'app_mention' }), 400],
    ['a slash command without channel_id', () => postSigned(h.base, 'command=%2Fplan&text=x&team_id=T0TEST&user_id=U0A', 'application/x-www-form-urlencoded'), 400],
    ['a slash command with a non-https response_url', () => sendSlashCommand(h.base, { text: '应急管理', response_url: 'http://127.0.0.1:6379/' }), 400],
    ['an interaction payload that is not JSON', () => postSigned(h.base, 'payload=%7Bnope', 'application/x-www-form-urlencoded'), 400],
    ['an interaction of an unsupported type', () => sendInteraction(h.base, { type: 'view_submission', team: { id: 'T0TEST' }, user: { id: 'U0A' } }), 400],
    ['a block_actions without actions', () => sendInteraction(h.base, { type: 'block_actions', team: { id: 'T0TEST' }, user: { id: 'U0A' }, actions: [], container: { type: 'message' } }), 400],
    ['a form that is neither', () => postSigned(h.base, 'hello=world', 'application/x-www-form-urlencoded'), 400],
    ['an unsupported content type', () => postSigned(h.base, '<xml/>', 'text/xml'), 415],
    ['a GET', () => fetch(`${h.base}/slack/events`), 405],
    ['a body over 1 MB', () => postSigned(h.base, `{"type":"event_callback","pad":"${'x'.repeat(1_100_000)}"}`, 'application/json'), 413],
  ];
  for (const [what, send, status] of cases) {
    it(`${what} → ${status}`, async () => {
      const res = await send();
      expect(res.status).toBe(status);
      const body = (await res.json()) as { error?: string };
      expect(typeof body.error).toBe('string');
    });
  }

  it('is still up and answering afterwards, having posted nothing', async () => {
    await quiet(200);
    expect(h.sent).toHaveLength(0);
    expect((await fetch(`${h.base}/healthz`)).status).toBe(200);
    expect((await sendSlashCommand(h.base, { text: '应急管理' })).status).toBe(200);
  });

  it('answers Slack\'s unsigned ssl_check with 200 and does nothing else', async () => {
    const res = await fetch(`${h.base}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'ssl_check=1&token=x&command=%2Fplan&text=%E5%BA%94' });
    expect(res.status).toBe(200);
    expect(JSON.stringify(await res.json())).not.toContain('blocks');
  });
});
