import { z } from 'zod';

/** How many delivery attempts a subscription's log keeps (the newest; older ones fall off). */
export const DELIVERY_LOG_SIZE = 30;

/**
 * One attempt to deliver a digest, as the delivery log keeps it:
 * - delivered: posted (or found posted by a runner that took over an interrupted delivery);
 * - retry: not posted this time, tried again later (rate limits, transient errors, an unknown outcome);
 * - failed: the platform refused it for good (channel gone, bot removed): the subscription was deactivated.
 */
export const DeliveryLogEntry = z.object({
  /** when the attempt ended (ISO-8601, UTC) */
  at: z.string().min(1),
  /** the local date the digest was for (YYYY-MM-DD in the subscription's time zone) */
  date: z.string().min(1),
  outcome: z.enum(['delivered', 'retry', 'failed']),
  /** the platform's code or the runner's reason (channel_not_found, ratelimited, sender-threw, found-posted …) */
  reason: z.string().max(200).optional(),
});
export type DeliveryLogEntry = z.infer<typeof DeliveryLogEntry>;
