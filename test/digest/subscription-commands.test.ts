import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bot } from '../../src/conversation/bot.js';
import { createSubscriptionHandler } from '../../src/digest/subscription-commands.js';
import { subscriptionId } from '../../src/digest/subscription-id.js';
import type { InboundMessage } from '../../src/inbound.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import type { Store } from '../../src/store/store.js';
import { knowledge } from '../support/knowledge.js';
import { redisStore, testClock, uniquePrefix } from './support/digest-fixtures.js';

const k = knowledge();
const redis = redisStore(uniquePrefix('commands'));
beforeAll(() => redis.ready());
afterAll(() => redis.close());

let n = 0;
function msg(text: string, conversation = 'C0SUBS', platform: InboundMessage['platform'] = 'slack'): InboundMessage {
  return { platform, workspace: 'T0SUBS', conversation, user: 'U0ME', text, messageId: `m${++n}` };
}

function botOn(store: Store, clock = testClock('2026-11-30T10:00:00+08:00'), ref?: unknown) {
  const subscriptions = createSubscriptionHandler({ knowledge: k, store, now: clock.now, ...(ref ? { conversationRef: async () => ref } : {}) });
  return new Bot({ knowledge: k, store, subscriptions });
}

describe.each([
  ['memory', () => new MemoryStore({ prefix: uniquePrefix('commands-mem') })],
  ['redis', () => redis],
])('subscription commands (%s store)', (kind, makeStore) => {
  const store = makeStore() as Store;
  const bot = botOn(store);
  const channel = `C0${kind.toUpperCase()}`;

  it('saves a subscription with the defaults and says when the next digest comes', async () => {
    const r = await bot.handle(msg('/plan 订阅 应急管理', channel));
    expect(r.title).toBe('已订阅:应急管理');
    expect(r.footer).toContain('每天 09:00(Asia/Shanghai)');
    // asked at 10:00 on 2026-11-30, so the first digest is the next morning
    expect(r.footer).toContain('下一次:2026-12-01 09:00 周二');
    const saved = await store.getSubscription(subscriptionId({ platform: 'slack', workspace: 'T0SUBS', conversation: channel }, '应急管理'));
    expect(saved).toMatchObject({ topic: '应急管理', time: '09:00', tz: 'Asia/Shanghai', weekdays: false, active: true, createdBy: 'U0ME' });
    if (kind === 'memory') expect(r.notice).toContain('重启后会丢失');
    else expect(r.notice).toBeUndefined();
  });

  it('keeps one subscription per channel and topic: subscribing again updates it', async () => {
    const r = await bot.handle(msg('订阅 应急管理 每天 07:30 工作日 tz Europe/Berlin', channel));
    expect(r.title).toBe('已更新订阅:应急管理');
    expect(r.footer).toContain('工作日 07:30(Europe/Berlin)');
    const mine = await store.listChannelSubscriptions({ platform: 'slack', workspace: 'T0SUBS', conversation: channel });
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ time: '07:30', tz: 'Europe/Berlin', weekdays: true });
  });

  it.each([
    ['订阅 应急管理 每天 25:00', '时间「25:00」无效'],
    ['订阅 数据治理 每天 9:75', '时间「9:75」无效'],
    ['订阅 数据治理 tz Mars/Base', '时区「Mars/Base」无效'],
    ['订阅 足球比赛', '没有与「足球比赛」相关的段落'],
  ])('%s gets a clear reply and saves nothing', async (text, title) => {
    const saved = () => store.listChannelSubscriptions({ platform: 'slack', workspace: 'T0SUBS', conversation: channel });
    const before = await saved();
    const r = await bot.handle(msg(text, channel));
    expect(r.title).toContain(title);
    expect(r.title).toContain('未保存');
    expect(await saved()).toEqual(before);
  });

  it('accepts the English form and the 订阅此主题 button text, and the whole plan', async () => {
    const en = await bot.handle(msg('subscribe emergency management at 8:30', `${channel}-en`));
    expect(en.title).toMatch(/^已订阅:/);
    expect(en.footer).toContain('每天 08:30(Asia/Shanghai)');
    const search = await bot.handle(msg('养老', `${channel}-btn`));
    const button = search.actions?.find((a) => a.type === 'subscribe');
    expect(button?.value).toBe('订阅 养老');
    expect((await bot.handle(msg(button!.value, `${channel}-btn`))).title).toBe('已订阅:养老');
    const whole = await bot.handle(msg('订阅', `${channel}-btn`));
    expect(whole.title).toBe('已订阅:整部规划');
  });

  it('lists the channel subscriptions, deactivated ones with the reason, and unsubscribes', async () => {
    const c = `${channel}-list`;
    await bot.handle(msg('订阅 应急管理', c));
    await bot.handle(msg('订阅 养老 每天 18:00', c));
    const id = subscriptionId({ platform: 'slack', workspace: 'T0SUBS', conversation: c }, '养老');
    const sub = (await store.getSubscription(id))!;
    await store.putSubscription({ ...sub, active: false, deactivatedReason: 'is_archived', deactivatedAt: '2026-12-01T01:00:00.000Z' });
    const list = await bot.handle(msg('订阅列表', c));
    expect(list.title).toBe('本频道的订阅(2)');
    expect(list.footer).toContain('「应急管理」 — 每天 09:00(Asia/Shanghai) — 下一次 2026-12-01 09:00 周二');
    expect(list.footer).toContain('「养老」 — 每天 18:00(Asia/Shanghai) — 已停用:is_archived(频道已归档),2026-12-01');
    expect((await bot.handle(msg('subscriptions', c))).footer).toContain('已停用');

    expect((await bot.handle(msg('取消订阅', c))).title).toBe('本频道没有整部规划的订阅');
    expect((await bot.handle(msg('取消订阅 养老', c))).title).toBe('已取消订阅:养老');
    // one left: a bare 取消订阅 takes it
    expect((await bot.handle(msg('unsubscribe', c))).title).toBe('已取消订阅:应急管理');
    expect((await bot.handle(msg('订阅列表', c))).title).toBe('本频道没有订阅');
  });
});

describe('Teams subscriptions', () => {
  it('keep the conversation reference with the subscription', async () => {
    const ref = { channelId: 'msteams', serviceUrl: 'https://smba.example/', conversation: { id: '19:abc@thread.tacv2' }, bot: { id: '28:bot' } };
    const store = new MemoryStore();
    const bot = botOn(store, undefined, ref);
    await bot.handle(msg('订阅 应急管理', '19:abc@thread.tacv2', 'teams'));
    const [sub] = await store.listChannelSubscriptions({ platform: 'teams', workspace: 'T0SUBS', conversation: '19:abc@thread.tacv2' });
    expect(sub).toMatchObject({ platform: 'teams', conversation: '19:abc@thread.tacv2', ref });
  });
});
