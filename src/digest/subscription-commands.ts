import type { SubscriptionHandler } from '../conversation/bot.js';
import { clipText } from '../reply/clip.js';
import { finish } from '../reply/finish.js';
import type { InboundMessage } from '../inbound.js';
import type { SubscribeSpec } from '../intents/intent.js';
import type { Knowledge } from '../knowledge.js';
import { forLog, silentLogger, type Logger } from '../logger.js';
import type { Reply } from '../reply/reply.js';
import type { Store } from '../store/store.js';
import type { Subscription } from '../store/subscription.js';
import { nextDelivery } from './digest-schedule.js';
import { digestUnits } from './digest-units.js';
import { describeLocal, normalizeTimeOfDay, normalizeTimeZone } from './local-time.js';
import { subscriptionId, topicKey } from './subscription-id.js';
import { describeSchedule, describeTopic, MEMORY_NOTICE, subscriptionLine } from './subscription-replies.js';
import { statusReply, type PostCheck } from './subscription-status.js';

/** The time of day of a subscription that names none. */
export const DEFAULT_TIME = '09:00';
/** The time zone of a subscription that names none. */
export const DEFAULT_TZ = 'Asia/Shanghai';

export interface SubscriptionCommandDeps {
  knowledge: Knowledge;
  store: Store;
  now?: () => number;
  logger?: Logger;
  /** what the platform needs to post to this conversation later (the Teams conversation reference), if anything */
  conversationRef?: (msg: InboundMessage) => Promise<unknown>;
  /** whether the bot can post in a channel, asked by 状态 of the platform the message came from (when it can tell) */
  canPost?: PostCheck;
}

type SubscriptionIntent = Parameters<SubscriptionHandler>[0];

/** A time typed as "9点" / "9時" means 09:00. */
function readTime(raw: string): string | undefined {
  const hour = /^\s*(\d{1,2})\s*[点時时]\s*$/.exec(raw);
  return hour ? normalizeTimeOfDay(`${hour[1]}:00`) : normalizeTimeOfDay(raw);
}

/** Any "HH:MM" written in the message that is not a time of day (25:00, 9:75), even if the parser read past it. */
function invalidTimeIn(text: string): string | undefined {
  for (const m of text.matchAll(/(?<!\d)\d{1,3}\s*[:：]\s*\d{1,3}(?!\d)/g)) if (!normalizeTimeOfDay(m[0])) return m[0];
  return undefined;
}

function fail(title: string, footer: string, notice?: string): Reply {
  return finish({ intent: 'subscribe', title, results: [], ...(notice ? { notice } : {}) }, footer);
}

/**
 * The subscription commands (订阅 / 取消订阅 / 订阅列表 / 状态 and the English forms) that the Bot hands over:
 * validates the time and zone, saves one subscription per platform + workspace + channel + topic, and
 * answers with what was saved and when the next digest comes.
 */
export function createSubscriptionHandler(deps: SubscriptionCommandDeps): SubscriptionHandler {
  const now = deps.now ?? Date.now;
  const log = deps.logger ?? silentLogger();
  const k = deps.knowledge;
  const notice = deps.store.durable ? undefined : MEMORY_NOTICE;
  const idFor = (msg: InboundMessage, topic: string) => subscriptionId(msg, topicKey(topic, k.normalize));
  const channelSubs = async (msg: InboundMessage) => (await deps.store.listChannelSubscriptions(msg)).sort((a, b) => a.createdAt.localeCompare(b.createdAt));

  async function subscribe(spec: SubscribeSpec, msg: InboundMessage): Promise<Reply> {
    const badTime = invalidTimeIn(msg.text) ?? (spec.time !== undefined && !readTime(spec.time) ? spec.time : undefined);
    if (badTime) return fail(`时间「${clipText(badTime, 20)}」无效,订阅未保存`, '请用 24 小时制的 HH:MM,例如:订阅 应急管理 每天 09:00', notice);
    const time = spec.time ? readTime(spec.time)! : DEFAULT_TIME;
    const tz = spec.tz ? normalizeTimeZone(spec.tz) : DEFAULT_TZ;
    if (!tz) return fail(`时区「${clipText(spec.tz ?? '', 40)}」无效,订阅未保存`, '请用 IANA 时区名,例如 tz Asia/Shanghai、tz Europe/Berlin、tz America/New_York,或 tz UTC+8。', notice);
    const topic = spec.topic?.trim() ?? '';
    const units = digestUnits(k, topic);
    if (topic && units.length === 0) return fail(`规划中没有与「${clipText(topic, 20)}」相关的段落,订阅未保存`, '换个主题词再试,例如:订阅 应急管理;或发送"订阅"订阅整部规划。', notice);
    const id = idFor(msg, topic);
    const existing = await deps.store.getSubscription(id);
    const ref = deps.conversationRef ? await deps.conversationRef(msg) : undefined;
    const sub: Subscription = {
      id,
      platform: msg.platform,
      workspace: msg.workspace,
      conversation: msg.conversation,
      topic,
      time,
      tz,
      weekdays: spec.weekdays ?? false,
      createdBy: msg.user,
      createdAt: existing?.createdAt ?? new Date(now()).toISOString(),
      active: true,
      ...(ref !== undefined ? { ref } : {}),
    };
    await deps.store.putSubscription(sub);
    const cursor = existing ? await deps.store.getCursor(id) : null;
    const next = nextDelivery(sub, now(), cursor?.lastDate);
    log.info({ sub: id, platform: msg.platform, conversation: forLog(msg.conversation), topic: forLog(topic), time, tz }, existing ? 'subscription updated' : 'subscription saved');
    const what = topic ? `${describeTopic(topic)}相关的 ${units.length} 段,每天一段,轮流发送,发完一轮再从头开始` : `整部规划按顺序,每天一到两段(共 ${units.length} 天一轮)`;
    return finish(
      { intent: 'subscribe', title: `${existing ? '已更新订阅' : '已订阅'}:${topic || '整部规划'}`, results: [], ...(notice ? { notice } : {}) },
      [
        `${describeSchedule(sub)}发送到本频道。`,
        `下一次:${describeLocal(next.date, next.time)}。`,
        `内容:${what},附规划目标倒计时和自上次以来的内容更新。`,
        `回复"取消订阅${topic ? ` ${topic}` : ''}"停止,"订阅列表"查看本频道的订阅。`,
      ].join('\n'),
    );
  }

  async function unsubscribe(topicIn: string | undefined, msg: InboundMessage): Promise<Reply> {
    const topic = topicIn?.trim() ?? '';
    let target = (await deps.store.getSubscription(idFor(msg, topic))) ?? undefined;
    const subs = target ? [] : await channelSubs(msg);
    if (!target && !topic && subs.length === 1) target = subs[0];
    if (!target) {
      const title = subs.length ? `本频道没有${describeTopic(topic)}的订阅` : '本频道没有订阅';
      const footer = subs.length ? `本频道的订阅:${subs.map((s) => describeTopic(s.topic)).join('、')}。回复"取消订阅 主题"取消其中一个。` : '发送"订阅 应急管理"订阅一个主题。';
      return finish({ intent: 'unsubscribe', title, results: [], ...(notice ? { notice } : {}) }, footer);
    }
    await deps.store.removeSubscription(target.id);
    log.info({ sub: target.id, platform: msg.platform, conversation: forLog(msg.conversation) }, 'subscription removed');
    return finish({ intent: 'unsubscribe', title: `已取消订阅:${target.topic || '整部规划'}`, results: [], ...(notice ? { notice } : {}) }, '本频道不会再收到这份每日摘要。');
  }

  async function list(msg: InboundMessage): Promise<Reply> {
    const subs = await channelSubs(msg);
    if (subs.length === 0) return finish({ intent: 'subscriptions', title: '本频道没有订阅', results: [], ...(notice ? { notice } : {}) }, '发送"订阅 应急管理 每天 09:00"订阅一个主题,或"订阅"订阅整部规划。');
    const cursors = await Promise.all(subs.map((s) => deps.store.getCursor(s.id)));
    const lines = subs.map((s, i) => subscriptionLine(s, s.active ? nextDelivery(s, now(), cursors[i]?.lastDate) : undefined));
    const stopped = subs.some((s) => !s.active);
    return finish(
      { intent: 'subscriptions', title: `本频道的订阅(${subs.length})`, results: [], ...(notice ? { notice } : {}) },
      [...lines, stopped ? '已停用的订阅在问题解决后重新发送"订阅 …"即可恢复。' : '回复"取消订阅 主题"取消其中一个。'].join('\n'),
    );
  }

  return async (intent: SubscriptionIntent, msg: InboundMessage) => {
    try {
      if (intent.type === 'subscribe') return await subscribe(intent.spec, msg);
      if (intent.type === 'unsubscribe') return await unsubscribe(intent.topic, msg);
      if (intent.type === 'status') return await statusReply(deps.store, msg, now(), deps.canPost, notice);
      return await list(msg);
    } catch (err) {
      log.error({ err: forLog((err as Error).message), intent: intent.type }, 'subscription command failed');
      return fail('订阅暂时无法处理,什么也没有改变', '存储暂时不可用,请稍后再试。', notice);
    }
  };
}
