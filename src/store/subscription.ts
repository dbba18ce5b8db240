import { z } from 'zod';

/** A channel's daily digest subscription: one per platform + workspace + channel + topic. */
export const Subscription = z.object({
  id: z.string().min(1),
  platform: z.enum(['slack', 'teams', 'console', 'web']),
  workspace: z.string().min(1),
  conversation: z.string().min(1),
  /** empty string: the whole plan */
  topic: z.string(),
  /** local time of day, HH:MM */
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  tz: z.string().min(1),
  weekdays: z.boolean(),
  /** who last subscribed it (absent in records stored before it was kept): the home tab lists their subscriptions */
  createdBy: z.string().optional(),
  createdAt: z.string(),
  active: z.boolean(),
  deactivatedReason: z.string().optional(),
  /** when a permanent delivery error deactivated it (ISO-8601) */
  deactivatedAt: z.string().optional(),
  /** the platform's handle for posting later (Teams conversation reference) */
  ref: z.unknown().optional(),
});
export type Subscription = z.infer<typeof Subscription>;

/** The channel a subscription posts to; subscriptions are indexed by it. */
export type ChannelRef = Pick<Subscription, 'platform' | 'workspace' | 'conversation'>;

/** A person who sets up subscriptions (Subscription.createdBy), in a platform's workspace: the home tab lists theirs. */
export interface UserRef {
  platform: Subscription['platform'];
  workspace: string;
  user: string;
}

/** Where a subscription's digest stands: what was sent in the current rotation and what the content looked like then. */
export const DigestCursor = z.object({
  sent: z.array(z.string()),
  lastDate: z.string().optional(),
  /** passage id → hash of its text when the last digest went out, to report what changed */
  seen: z.record(z.string(), z.string()).optional(),
});
export type DigestCursor = z.infer<typeof DigestCursor>;
