import { createHash } from 'node:crypto';

/** Where a subscription posts: one platform workspace's channel (or chat). */
export interface SubscriptionTarget {
  platform: string;
  workspace: string;
  conversation: string;
}

/** The form of a topic that decides identity: "应急管理", "應急管理 " and "应急 管理" are one subscription. */
export function topicKey(topic: string, normalize: (s: string) => string): string {
  return normalize(topic).toLowerCase().replace(/\s+/g, '');
}

/**
 * The subscription id, derived from platform + workspace + channel + topic so that subscribing twice
 * updates one record. Hex only, so it is safe inside Redis keys and BullMQ job ids (which allow no ':').
 */
export function subscriptionId(target: SubscriptionTarget, key: string): string {
  const h = createHash('sha256').update([target.platform, target.workspace, target.conversation, key].join('\u0000')).digest('hex');
  return `sub_${h.slice(0, 24)}`;
}
