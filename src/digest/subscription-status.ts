import type { InboundMessage } from '../inbound.js';
import { finish } from '../reply/finish.js';
import type { Reply } from '../reply/reply.js';
import type { DeliveryLogEntry } from '../store/delivery-log.js';
import type { Store } from '../store/store.js';
import type { ChannelRef, Subscription } from '../store/subscription.js';
import { nextDelivery } from './digest-schedule.js';
import { describeLocal, localTime } from './local-time.js';
import { describeReason, describeSchedule, describeTopic } from './subscription-replies.js';

/**
 * Whether the bot can post in a channel, as a platform can tell without posting (Slack: conversations.info), or
 * undefined when it cannot tell; status then judges by the last delivery.
 */
export type PostCheck = (channel: ChannelRef) => Promise<{ ok: true } | { ok: false; reason: string } | undefined>;

/** "2026-12-02 09:00 周三" in the subscription's zone, for an attempt's ISO time. */
function when(at: string, tz: string): string {
  const t = localTime(Date.parse(at), tz);
  return describeLocal(t.date, t.time);
}

/** What the delivery log and the subscription say about posting there, when the platform could not be asked. */
function judgedFromLog(sub: Subscription, log: readonly DeliveryLogEntry[]): string {
  const last = log[0];
  if (!sub.active) return `不能:${describeReason(sub.deactivatedReason ?? last?.reason)}`;
  if (!last) return '未知(还没有发送过)';
  if (last.outcome === 'delivered') return '能(上次发送成功)';
  if (last.outcome === 'failed') return `不能:${describeReason(last.reason)}`;
  return `暂时不能:${describeReason(last.reason)},稍后重试`;
}

/** The lines of one subscription: schedule and state, last delivery, last failure, next delivery. */
function subscriptionStatus(sub: Subscription, log: readonly DeliveryLogEntry[], lastDate: string | undefined, now: number): string[] {
  const delivered = log.find((e) => e.outcome === 'delivered');
  const failed = log.find((e) => e.outcome !== 'delivered');
  const lines = [`• ${describeTopic(sub.topic)} — ${describeSchedule(sub)} — ${sub.active ? '启用中' : '已停用'}`];
  if (delivered) lines.push(`  上次发送:${when(delivered.at, sub.tz)}(${delivered.date} 的摘要)`);
  else lines.push(lastDate ? `  上次发送:${lastDate} 的摘要` : '  上次发送:还没有');
  if (failed) lines.push(`  上次失败:${when(failed.at, sub.tz)} — ${describeReason(failed.reason)}${failed.outcome === 'retry' ? '(已重试)' : ''}`);
  else if (!sub.active) lines.push(`  停用原因:${describeReason(sub.deactivatedReason)}`);
  if (sub.active) {
    const next = nextDelivery(sub, now, lastDate);
    lines.push(`  下一次:${describeLocal(next.date, next.time)}`);
  }
  return lines;
}

/**
 * /plan status (状态): this channel's subscriptions, each with its last delivery and time, its last failure and why,
 * and whether the bot can post here (asked of the platform when it can tell, otherwise judged by the last delivery).
 */
export async function statusReply(store: Store, msg: InboundMessage, now: number, canPost?: PostCheck, notice?: string): Promise<Reply> {
  const subs = (await store.listChannelSubscriptions(msg)).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const base = { intent: 'status', results: [], ...(notice ? { notice } : {}) };
  const probe = canPost ? await canPost(msg).catch(() => undefined) : undefined;
  const platformSays = probe ? (probe.ok ? '能' : `不能:${describeReason(probe.reason)}`) : undefined;
  if (subs.length === 0) {
    const lines = ['本频道没有订阅。发送"订阅 应急管理 每天 09:00"订阅一个主题。'];
    if (platformSays) lines.push(`机器人能否在本频道发送:${platformSays}`);
    return finish({ ...base, title: '本频道的摘要状态:没有订阅' }, lines.join('\n'));
  }
  const entries = await Promise.all(subs.map(async (s) => ({ sub: s, log: await store.deliveryLog(s.id), cursor: await store.getCursor(s.id) })));
  const lines = entries.flatMap((e) => subscriptionStatus(e.sub, e.log, e.cursor?.lastDate, now));
  const first = entries[0]!;
  lines.push(`机器人能否在本频道发送:${platformSays ?? judgedFromLog(first.sub, first.log)}`);
  if (entries.some((e) => !e.sub.active)) lines.push('问题解决后重新发送"订阅 …"即可恢复已停用的订阅。');
  return finish({ ...base, title: `本频道的摘要状态(${subs.length} 个订阅)` }, lines.join('\n'));
}
