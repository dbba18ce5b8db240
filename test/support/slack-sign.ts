// Signs requests the way Slack does (v0 HMAC-SHA256 of `v0:{timestamp}:{raw body}`) and sends them to a running
// plan-bot, so tests exercise the real HTTP endpoint. Written independently of adapters/slack/verify-signature.ts on
// purpose: a bug there cannot hide itself here.
import { createHmac } from 'node:crypto';

/** A signing secret for tests (letters and digits, like Slack's). */
export const TEST_SIGNING_SECRET = '8f742231b10e8888abcd99yyyzzz85a5';

/** Seconds since the epoch, as Slack puts in x-slack-request-timestamp. */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** The two headers Slack adds to every request, for this raw body. */
export function signSlack(rawBody: string, secret = TEST_SIGNING_SECRET, timestamp = nowSeconds()): Record<string, string> {
  const signature = 'v0=' + createHmac('sha256', secret).update(`v0:${timestamp}:${rawBody}`).digest('hex');
  return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature };
}

export interface SendOptions {
  secret?: string;
  /** override the signing time (e.g. 6 minutes ago) */
  timestamp?: number;
  /** replace the signature with this value (forgery tests) */
  signature?: string;
  headers?: Record<string, string>;
}

/** POST a raw body to /slack/events, signed as Slack would sign it (unless told otherwise). */
export async function postSigned(baseUrl: string, rawBody: string, contentType: string, opts: SendOptions = {}): Promise<Response> {
  const signed = signSlack(rawBody, opts.secret, opts.timestamp);
  if (opts.signature !== undefined) signed['x-slack-signature'] = opts.signature;
  return fetch(`${baseUrl}/slack/events`, { method: 'POST', headers: { 'content-type': contentType, ...signed, ...opts.headers }, body: rawBody });
}

export interface SlashFields {
  text: string;
  command?: string;
  team_id?: string;
  channel_id?: string;
  user_id?: string;
  response_url?: string;
  trigger_id?: string;
  /** Enterprise Grid: the org, and 'true' for an org-wide install */
  enterprise_id?: string;
  is_enterprise_install?: 'true' | 'false';
}

/** The form body Slack sends for a slash command. */
export function slashCommandBody(f: SlashFields): string {
  return new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: f.team_id ?? 'T0TEST',
    team_domain: 'test',
    channel_id: f.channel_id ?? 'C0TEST',
    channel_name: 'general',
    user_id: f.user_id ?? 'U0ASKER',
    user_name: 'asker',
    command: f.command ?? '/plan',
    text: f.text,
    api_app_id: 'A0PLAN',
    is_enterprise_install: f.is_enterprise_install ?? 'false',
    ...(f.enterprise_id ? { enterprise_id: f.enterprise_id } : {}),
    response_url: f.response_url ?? 'https://hooks.slack.com/commands/T0TEST/1/abc',
    trigger_id: f.trigger_id ?? `${Date.now()}.${Math.floor(Math.random() * 1e9)}`,
  }).toString();
}

/** Send a signed slash command (e.g. `/plan 订阅 应急管理 每天 09:00`) to a running plan-bot. */
export function sendSlashCommand(baseUrl: string, fields: SlashFields, opts: SendOptions = {}): Promise<Response> {
  return postSigned(baseUrl, slashCommandBody(fields), 'application/x-www-form-urlencoded', opts);
}

/** Send a signed Events API delivery; `retryNum` adds Slack's retry headers. */
export function sendEvent(baseUrl: string, envelope: unknown, opts: SendOptions & { retryNum?: number } = {}): Promise<Response> {
  const retry: Record<string, string> = opts.retryNum ? { 'x-slack-retry-num': String(opts.retryNum), 'x-slack-retry-reason': 'http_timeout' } : {};
  return postSigned(baseUrl, JSON.stringify(envelope), 'application/json', { ...opts, headers: { ...retry, ...opts.headers } });
}

/** Send a signed interactivity payload (block_actions), form-encoded as `payload=<json>` like Slack does. */
export function sendInteraction(baseUrl: string, payload: unknown, opts: SendOptions = {}): Promise<Response> {
  return postSigned(baseUrl, new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded', opts);
}

let eventCounter = 0;

/** An Events API envelope around one event, with a fresh event_id unless one is given. */
export function eventEnvelope(event: Record<string, unknown>, opts: { teamId?: string; eventId?: string } = {}): Record<string, unknown> {
  eventCounter += 1;
  return {
    token: 'deprecated-verification-token',
    team_id: opts.teamId ?? 'T0TEST',
    api_app_id: 'A0PLAN',
    type: 'event_callback',
    event_id: opts.eventId ?? `Ev${Date.now()}${eventCounter}`,
    event_time: nowSeconds(),
    event,
  };
}
