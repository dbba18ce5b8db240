/**
 * What the core reports for operators (requests, answers, context store errors, digest deliveries), as plain calls
 * with bounded labels. The core never sees a metrics library: app/metrics.ts implements this with prom-client, and
 * noMetrics (the default everywhere) does nothing. Implementations must be cheap: these run on the request path.
 */
export interface Metrics {
  /** one HTTP request ended: route is the registered route key (never the raw URL), status the response's */
  httpRequest(platform: string, route: string, status: number): void;
  /** the bot answered a message: intent is the Intent type, seconds how long handle() took */
  answer(platform: string, intent: string, outcome: AnswerOutcome, seconds: number): void;
  /** the conversation context could not be read or written (the answer went out without it) */
  contextStoreError(op: 'read' | 'write'): void;
  /** a digest was posted; lagSeconds: how long after its scheduled local time */
  digestDelivered(platform: string, lagSeconds: number): void;
  /** a digest attempt did not post and will be tried again (reason: a stable code, see reasonCode) */
  digestRetry(platform: string, reason: string): void;
  /** a digest did not go out: the subscription was deactivated, or a pass gave up on it (reason: a stable code) */
  digestFailure(platform: string, reason: string): void;
}

/**
 * How an answer went: typo-corrected when the question was understood only after correcting it (a notice says so),
 * no-match when nothing was found to show, answered otherwise.
 */
export type AnswerOutcome = 'answered' | 'no-match' | 'typo-corrected';

/** The default: reports nothing, costs nothing. */
export const noMetrics: Metrics = {
  httpRequest: () => undefined,
  answer: () => undefined,
  contextStoreError: () => undefined,
  digestDelivered: () => undefined,
  digestRetry: () => undefined,
  digestFailure: () => undefined,
};

/**
 * A failure reason as a bounded label value: the code before any ": detail" ("request_error: socket hang up" →
 * request_error), kept only when it looks like a code (letters, digits, _ . -, at most 64), else "other".
 */
export function reasonCode(reason: string): string {
  const i = reason.indexOf(':');
  const code = i < 0 ? reason : reason.slice(0, i);
  return /^[A-Za-z0-9_.-]{1,64}$/.test(code) ? code : 'other';
}
