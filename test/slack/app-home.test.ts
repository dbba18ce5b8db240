// App Home over signed HTTP to a running serve: app_home_opened → views.publish of a home tab listing the channels the
// user set up subscriptions in, with a real delivery's time and a real failure's reason (subscribed with signed
// /plan commands, delivered by the one delivery pass against nock's chat.postMessage); its buttons answer in the DM.
import nock from 'nock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { slackDigestSenderFrom } from '../../adapters/slack/slack-digest-sender.js';
import { deliverDue } from '../../src/digest/deliver-due.js';
import { nextDelivery } from '../../src/digest/digest-schedule.js';
import { subscriptionId } from '../../src/digest/subscription-id.js';
import { silentLogger } from '../../src/logger.js';
import { knowledge } from '../support/knowledge.js';
import { eventEnvelope, sendEvent, sendInteraction, sendSlashCommand } from '../support/slack-sign.js';
import { API_ORIGIN, quiet, shownText, startSlackHarness, waitFor, type Harness } from './slack-harness.js';

/** Every views.publish call: the user and the view. */
const published: Array<{ user_id: string; view: { type: string; blocks: Array<Record<string, any>>; private_metadata?: string } }> = [];

let h: Harness;
beforeAll(async () => {
  // the test runs the delivery pass itself, at a clock of its choosing
  h = await startSlackHarness('app-home', { DIGEST_ENABLED: 'false' });
  nock(API_ORIGIN)
    .persist()
    .post('/api/views.publish')
    .reply(async (req: Request) => {
      const raw = await req.text();
      const form = raw.trimStart().startsWith('{') ? JSON.parse(raw) : Object.fromEntries(new URLSearchParams(raw));
      published.push({ user_id: form.user_id, view: typeof form.view === 'string' ? JSON.parse(form.view) : form.view });
      return [200, { ok: true, view: { id: 'V0HOME' } }];
    });
});
afterAll(async () => h?.close());
beforeEach(() => {
  published.length = 0;
  h.sent.length = 0;
});

const TEAM = 'T0TEST';
const USER = 'U0ASKER';
const DM = 'D0HOME';

async function slash(text: string, channel: string, user = USER): Promise<string> {
  const res = await sendSlashCommand(h.base, { text, team_id: TEAM, channel_id: channel, user_id: user });
  expect(res.status).toBe(200);
  return res.text();
}

async function openHome(user = USER, tab = 'home') {
  const res = await sendEvent(h.base, eventEnvelope({ type: 'app_home_opened', user, channel: DM, tab, event_ts: `${Date.now() / 1000}` }, { teamId: TEAM }));
  expect(res.status).toBe(200);
}

/** "2026-12-02 09:00" for an instant in a zone, written independently of the bot's own formatting. */
function localMinute(iso: string, tz: string): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}

function viewText(view: { blocks: Array<Record<string, any>> }): string {
  return JSON.stringify(view.blocks);
}

describe('App Home', () => {
  it('publishes the user\'s channels with each subscription\'s last delivery time, and a failure with its reason', async () => {
    expect(await slash('订阅 养老 每天 09:00', 'C0HOME')).toContain('已订阅:养老');
    expect(await slash('订阅 应急管理 每天 09:00', 'C0GONE')).toContain('已订阅:应急管理');
    // someone else's channel is not on this user's home tab
    expect(await slash('订阅 数字乡村 每天 09:00', 'C0ELSE', 'U0OTHER')).toContain('已订阅:数字乡村');

    h.override = (sent) => (sent.via === 'chat.postMessage' && sent.channel === 'C0GONE' ? [200, { ok: false, error: 'channel_not_found' }] : undefined);
    const store = h.serving.store;
    const homeSub = (await store.getSubscription(subscriptionId({ platform: 'slack', workspace: TEAM, conversation: 'C0HOME' }, '养老')))!;
    const at = nextDelivery(homeSub, Date.now()).instant + 5 * 60_000;
    const sender = slackDigestSenderFrom(h.serving.config, silentLogger())!;
    const report = await deliverDue({ knowledge: knowledge(), store, senders: { slack: sender }, leaseMs: 60_000, now: () => at, logger: silentLogger() }, { concurrency: 2, maxAttempts: 1, maxWaitMs: 0 });
    h.override = undefined;
    expect(report).toMatchObject({ delivered: 2, deactivated: 1 });
    const [delivered] = await store.deliveryLog(homeSub.id);
    expect(delivered?.outcome).toBe('delivered');

    await openHome();
    await waitFor(() => published.length === 1, 5000, 'views.publish');
    const { user_id, view } = published[0]!;
    expect(user_id).toBe(USER);
    expect(view.type).toBe('home');
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    const text = viewText(view);
    expect(text).toContain('<#C0HOME>');
    expect(text).toContain('「养老」');
    // the real delivery's time, as the subscription's zone reads it
    expect(text).toContain(`上次发送:${localMinute(delivered!.at, homeSub.tz)}`);
    expect(text).toContain('下一次:');
    expect(text).toContain('<#C0GONE>');
    expect(text).toContain('channel_not_found(频道不存在,或机器人看不到它)');
    expect(text).not.toContain('C0ELSE');
    expect(text).not.toContain('数字乡村」');
    // the outline (a button per part of the plan) and example questions
    const buttons = view.blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements as Array<Record<string, any>>);
    const parts = knowledge().library.allNodes().filter((n) => n.kind === 'part');
    for (const p of parts) expect(buttons.map((b) => b.text.text)).toContain(p.heading);
    expect(buttons.length).toBeGreaterThan(parts.length);
  });

  it('answers a press of an outline button in the user\'s DM, whose context a typed follow-up there continues', async () => {
    await openHome();
    await waitFor(() => published.length === 1, 5000, 'views.publish');
    const view = published[0]!.view;
    const buttons = view.blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements as Array<Record<string, any>>);
    const priority = buttons.find((b) => b.text.text === '五、优先行动')!;
    expect(priority).toBeDefined();
    const res = await sendInteraction(h.base, {
      type: 'block_actions',
      team: { id: TEAM },
      user: { id: USER },
      api_app_id: 'A0PLAN',
      container: { type: 'view', view_id: 'V0HOME' },
      view: { id: 'V0HOME', type: 'home', private_metadata: view.private_metadata },
      actions: [{ action_id: priority.action_id, block_id: 'b', type: 'button', value: priority.value, action_ts: '1' }],
      trigger_id: `${Date.now()}.1`,
    });
    expect(res.status).toBe(200);
    await waitFor(() => h.sent.length === 1, 5000, 'the answer in the DM');
    expect(h.sent[0]).toMatchObject({ via: 'chat.postMessage', channel: DM });
    expect(shownText(h.sent[0]!)).toContain('优先行动');
    // 第2条, typed in the DM, is the second entry of that list
    const ts = `${Math.floor(Date.now() / 1000)}.000300`;
    await sendEvent(h.base, eventEnvelope({ type: 'message', channel_type: 'im', channel: DM, user: USER, text: '第2条', ts, event_ts: ts }, { teamId: TEAM }));
    await waitFor(() => h.sent.length === 2, 5000, 'the follow-up');
    expect(shownText(h.sent[1]!)).toContain('全民数字素养与技能提升行动');
  });

  it('publishes nothing for the messages tab, and an empty home tab says how to subscribe', async () => {
    await openHome(USER, 'messages');
    await quiet(300);
    expect(published).toHaveLength(0);
    await openHome('U0NEWBIE');
    await waitFor(() => published.length === 1, 5000, 'views.publish');
    expect(viewText(published[0]!.view)).toContain('你还没有在任何频道设置订阅');
  });
});
