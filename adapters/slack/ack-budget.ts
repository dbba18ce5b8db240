/** How long a slash command may take to answer in the ack body before plan-bot acks and answers at response_url. */
export const ACK_BUDGET_MS = 2000;

/** The outcome of waiting a bounded time: the value if it came in time. */
export type Within<T> = { done: true; value: T } | { done: false };

/**
 * Wait for a promise at most `ms`: Slack wants an ack within 3 s, so work that outlasts the budget is acknowledged
 * first and answered later (the promise keeps running; the caller awaits it again).
 */
export function within<T>(work: Promise<T>, ms: number): Promise<Within<T>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve({ done: false }), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve({ done: true, value });
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}
