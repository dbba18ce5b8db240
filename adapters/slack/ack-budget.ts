/** How long a slash command may take to answer in the ack body before plan-bot acks and answers at response_url. */
export const ACK_BUDGET_MS = 2000;

/** Requests starting within one slot share a deadline timer: a timer per request costs more than the answer. */
const SLOT_MS = 100;

const deadlines = new Map<number, Promise<void>>();

/** A promise resolved `ms` (up to SLOT_MS more) from now, shared with the other requests of the same slot. */
function deadline(ms: number): Promise<void> {
  const at = Math.ceil((Date.now() + ms) / SLOT_MS) * SLOT_MS;
  let p = deadlines.get(at);
  if (!p) {
    p = new Promise<void>((resolve) => {
      setTimeout(() => {
        deadlines.delete(at);
        resolve();
      }, at - Date.now()).unref();
    });
    deadlines.set(at, p);
  }
  return p;
}

/** The outcome of waiting a bounded time: the value if it came in time. */
export type Within<T> = { done: true; value: T } | { done: false };

/**
 * Wait for a promise at most about `ms` (never less, at most 100 ms more): Slack wants an ack within 3 s, so work
 * that outlasts the budget is acknowledged first and answered later (the promise keeps running; the caller
 * awaits it again).
 */
export function within<T>(work: Promise<T>, ms: number): Promise<Within<T>> {
  return Promise.race([work.then((value) => ({ done: true as const, value })), deadline(ms).then(() => ({ done: false as const }))]);
}
