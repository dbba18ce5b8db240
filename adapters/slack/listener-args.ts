/** Acknowledge a request to Slack, optionally with a response body (the answer, for a slash command). */
export type Ack = (response?: unknown) => Promise<void>;

/** The part of Bolt's middleware arguments plan-bot's handlers use: the payload, its ack, and the request context. */
export interface HandlerArgs {
  body: unknown;
  ack?: Ack;
  context: Record<string, unknown>;
}
