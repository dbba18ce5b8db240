import type { Reply } from '../reply/reply.js';
import type { Subscription } from '../store/subscription.js';

/**
 * What happened when a digest was posted:
 * - ok: it is in the channel;
 * - retry-after: it is not, and may be tried again after `ms` (rate limits, transient platform errors);
 * - permanent: it never will be (channel gone, bot removed, token revoked); the subscription is deactivated.
 */
export type SendOutcome = { kind: 'ok' } | { kind: 'retry-after'; ms: number; reason: string } | { kind: 'permanent'; reason: string };

/** Event type of the metadata every digest post carries, so a post whose outcome is unknown can be found later. */
export const DIGEST_EVENT_TYPE = 'plan_digest';

/** Facts about the current try, so a sender can back off further on each retry. */
export interface SendAttempt {
  /** 1 for the first try of this digest, 2 for the first retry, … */
  attempt: number;
  /** the local date the digest is for (senders that can, tag the post with it; see findDelivered) */
  date?: string;
}

/**
 * Posts a digest to one platform. Adapters implement it (adapters/slack, adapters/teams); the core only
 * sees the outcome. A sender never throws for a platform's answer: it maps it to an outcome.
 */
export interface DigestSender {
  send(sub: Subscription, reply: Reply, attempt: SendAttempt): Promise<SendOutcome>;
  /**
   * Whether the digest of this subscription and local date is in the conversation already (asked before sending
   * again when an earlier attempt's outcome is unknown). Throws when it cannot tell now (try later). Platforms
   * with no way to look (Teams) leave it out: then a crash between post and record can cost one duplicate.
   */
  findDelivered?(sub: Subscription, date: string): Promise<boolean>;
}

/** The senders of the platforms that are configured; a subscription of a missing platform waits. */
export type DigestSenders = Partial<Record<Subscription['platform'], DigestSender>>;

/** Back-off for retries without a Retry-After: 1 s, 2 s, 4 s … capped at 5 minutes, with ±20% jitter so replicas spread out. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(1000 * 2 ** Math.max(0, attempt - 1), 300_000);
  return Math.round(base * (0.8 + 0.4 * random()));
}

/** Read an HTTP Retry-After value (seconds, or an HTTP date) as milliseconds; undefined when absent or unreadable. */
export function retryAfterMs(value: string | number | null | undefined, now: number = Date.now()): number | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const s = String(value).trim();
  if (/^\d+(\.\d+)?$/.test(s)) return Math.round(Number(s) * 1000);
  const at = Date.parse(s);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
