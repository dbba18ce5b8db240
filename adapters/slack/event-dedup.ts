import { forLog, type Logger } from '../../src/logger.js';
import type { Store } from '../../src/store/store.js';

/** How long an event id is remembered: Slack retries within minutes; an hour leaves ample margin. */
export const EVENT_CLAIM_TTL_SECONDS = 3600;

/**
 * Whether this is the first delivery of an Events API event: Slack retries (x-slack-retry-num) and duplicate
 * deliveries carry the same event_id, which is claimed in the Store (SET NX EX) so that only the first delivery,
 * on whichever replica gets it, is answered. If the Store cannot be reached the event is answered (at least once
 * beats never).
 */
export async function firstDelivery(store: Store, log: Logger, body: unknown, context: Record<string, unknown>): Promise<boolean> {
  const b = body as { event_id?: unknown; team_id?: unknown };
  if (typeof b.event_id !== 'string') return true;
  try {
    if (await store.claimOnce(`slack:event:${String(b.team_id)}:${b.event_id}`, EVENT_CLAIM_TTL_SECONDS)) return true;
  } catch (err) {
    log.warn({ err: forLog((err as Error).message), eventId: forLog(b.event_id) }, 'could not claim slack event; answering it anyway');
    return true;
  }
  log.info({ eventId: forLog(b.event_id), retryNum: context.retryNum, retryReason: forLog(context.retryReason ?? '') }, 'duplicate slack event ignored');
  return false;
}
