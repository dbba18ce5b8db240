import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import { forLog, type Logger } from '../../src/logger.js';
import type { Store } from '../../src/store/store.js';

/** How long an event id is remembered: Slack retries within minutes; an hour leaves ample margin. */
export const EVENT_CLAIM_TTL_SECONDS = 3600;

/**
 * Bolt middleware answering each Events API event once: Slack retries (x-slack-retry-num) and duplicate
 * deliveries carry the same event_id, which is claimed in the Store (SET NX EX) so that only the first delivery,
 * on whichever replica gets it, goes on. If the Store cannot be reached the event is answered (at least once
 * beats never).
 */
export function dedupEvents(store: Store, log: Logger): Middleware<AnyMiddlewareArgs> {
  return async ({ body, next, context }) => {
    const b = body as { type?: unknown; event_id?: unknown; team_id?: unknown };
    if (b.type !== 'event_callback' || typeof b.event_id !== 'string') return next();
    let first = true;
    try {
      first = await store.claimOnce(`slack:event:${String(b.team_id)}:${b.event_id}`, EVENT_CLAIM_TTL_SECONDS);
    } catch (err) {
      log.warn({ err: forLog((err as Error).message), eventId: forLog(b.event_id) }, 'could not claim slack event; answering it anyway');
    }
    if (!first) {
      log.info({ eventId: forLog(b.event_id), retryNum: context.retryNum, retryReason: forLog(context.retryReason ?? '') }, 'duplicate slack event ignored');
      return;
    }
    await next();
  };
}
