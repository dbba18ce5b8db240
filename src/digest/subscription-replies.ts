import type { Subscription } from '../store/subscription.js';
import { describeLocal } from './local-time.js';

/** Said in every subscription reply when the Store is in memory. */
export const MEMORY_NOTICE = '当前为内存模式:订阅只保存在本进程中,重启后会丢失(设置 REDIS_URL 以持久保存)';

/** Why a platform refused a digest for good, in words a channel member understands. */
const REASONS: Record<string, string> = {
  channel_not_found: '频道不存在,或机器人看不到它',
  not_in_channel: '机器人不在这个频道中,请先邀请它',
  is_archived: '频道已归档',
  account_inactive: '机器人账号已停用',
  token_revoked: '机器人的令牌已被撤销,需要重新安装',
  invalid_auth: '机器人的令牌无效,需要重新安装',
  bot_removed: '机器人已被移出这个 Teams 对话',
  conversation_not_found: 'Teams 对话不存在',
  no_reference: '没有这个 Teams 对话的地址,请在对话中先与机器人说一句话',
  app_uninstalled: '应用已从这个工作区卸载,重新安装后再订阅即可恢复',
  not_installed: '应用没有安装在这个工作区,请先安装',
};

/** "每天 09:00(Asia/Shanghai)" or "工作日 09:00(Europe/Berlin)". */
export function describeSchedule(s: Pick<Subscription, 'time' | 'tz' | 'weekdays'>): string {
  return `${s.weekdays ? '工作日' : '每天'} ${s.time}(${s.tz})`;
}

/** How a subscription is named in replies. */
export function describeTopic(topic: string): string {
  return topic ? `「${topic}」` : '整部规划';
}

/** A deactivation reason with its explanation: "channel_not_found(频道不存在,或机器人看不到它)". */
export function describeReason(reason: string | undefined): string {
  if (!reason) return '原因未记录';
  const words = REASONS[reason];
  return words ? `${reason}(${words})` : reason;
}

/** One line of the 订阅列表 answer. */
export function subscriptionLine(s: Subscription, next: { date: string; time: string } | undefined): string {
  const head = `• ${describeTopic(s.topic)} — ${describeSchedule(s)}`;
  if (!s.active) return `${head} — 已停用:${describeReason(s.deactivatedReason)}${s.deactivatedAt ? `,${s.deactivatedAt.slice(0, 10)}` : ''}`;
  return next ? `${head} — 下一次 ${describeLocal(next.date, next.time)}` : head;
}
