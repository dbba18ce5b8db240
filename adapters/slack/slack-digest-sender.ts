import { ErrorCode, WebClient, type WebAPICallError } from '@slack/web-api';
import { backoffMs, DIGEST_EVENT_TYPE, retryAfterMs, type DigestSender, type SendAttempt, type SendOutcome } from '../../src/digest/digest-sender.js';
import { instantOf } from '../../src/digest/local-time.js';
import { isCodedError } from '../../src/errors.js';
import { forLog, type Logger } from '../../src/logger.js';
import type { Reply } from '../../src/reply/reply.js';
import type { Subscription } from '../../src/store/subscription.js';
import { renderBlockKit } from './block-kit.js';
import type { SlackSettings } from './config.js';

/** Slack errors after which posting to the channel will never work without someone acting: the subscription is deactivated. */
export const PERMANENT_SLACK_ERRORS = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'account_inactive',
  'token_revoked',
  'invalid_auth',
  'not_authed',
  'team_access_not_granted',
  'missing_scope',
  'restricted_action',
  'ekm_access_denied',
]);

/** Messages read per conversations.history page, and pages read at most, when looking for an interrupted digest. */
const HISTORY_PAGE = 200;
const HISTORY_PAGES = 5;

/** Lookup errors that no retry will cure (no history scope, bot not in the channel): look no further, and send. */
const CANNOT_LOOK = new Set(['missing_scope', 'not_in_channel', 'channel_not_found', 'not_authed', 'invalid_auth', 'token_revoked', 'account_inactive']);

/** The message metadata of a digest post: which subscription and local date it is, found again by findDelivered. */
export function digestMetadata(sub: Subscription, date: string): { event_type: string; event_payload: { subscription: string; date: string } } {
  return { event_type: DIGEST_EVENT_TYPE, event_payload: { subscription: sub.id, date } };
}

export interface SlackDigestSenderOptions {
  /** one workspace: the bot token every digest posts with (SLACK_BOT_TOKEN) */
  botToken?: string;
  /** OAuth: the bot token a subscription's digest posts with, its workspace's installation's (refreshed when due) */
  tokenFor?: (sub: Subscription) => Promise<string>;
  /** Web API base URL, e.g. https://slack.com/api/ (SLACK_API_URL) */
  apiUrl: string;
  logger: Logger;
  /** per-request timeout (default 10 s) */
  timeoutMs?: number;
  /** the clock a workspace's rate limit is timed by (tests pass their own) */
  now?: () => number;
}

/** Web API clients kept, one per token; past this many the cache starts again (tokens rotate, workspaces come and go). */
const MAX_CLIENTS = 1_000;

/** Map a Web API failure to what delivery should do: wait for Retry-After, back off, or give up for good. */
export function slackOutcome(err: unknown, attempt: number): SendOutcome {
  const e = err as Partial<WebAPICallError> & { code?: string };
  switch (e.code) {
    case ErrorCode.RateLimitedError:
      return { kind: 'retry-after', ms: Math.max(1000, (err as { retryAfter: number }).retryAfter * 1000), reason: 'ratelimited' };
    case ErrorCode.PlatformError: {
      const code = (err as { data: { error: string } }).data.error;
      if (PERMANENT_SLACK_ERRORS.has(code)) return { kind: 'permanent', reason: code };
      // anything else (internal_error, fatal_error, service_unavailable …) may pass
      return { kind: 'retry-after', ms: backoffMs(attempt), reason: code };
    }
    case ErrorCode.HTTPError: {
      const h = err as { statusCode: number; headers: Record<string, string> };
      const after = retryAfterMs(h.headers?.['retry-after']);
      return { kind: 'retry-after', ms: after ?? backoffMs(attempt), reason: `http_${h.statusCode}` };
    }
    default:
      // the request did not complete (connection refused, reset, timeout): try again after a back-off
      return { kind: 'retry-after', ms: backoffMs(attempt), reason: `request_error: ${(err as Error).message}` };
  }
}

/**
 * Posts digests to Slack channels with chat.postMessage, rendered by the Block Kit renderer without buttons, each
 * with its workspace's token (one Web API client per token). The WebClient's own retries are off and rate-limited
 * calls are rejected, so a 429 comes back to the scheduler as retry-after with Slack's Retry-After instead of
 * blocking a worker; until then that workspace's other digests wait too (Slack limits per workspace), without a call,
 * and every other workspace's go on.
 */
export class SlackDigestSender implements DigestSender {
  private readonly clients = new Map<string, WebClient>();
  private readonly log: Logger;
  private readonly now: () => number;
  /** workspace → until when Slack asked it to wait (ms, by `now`), and the subscription whose post was refused */
  private readonly limitedUntil = new Map<string, { until: number; sub: string }>();
  private readonly tokenFor: (sub: Subscription) => Promise<string>;

  constructor(private readonly opts: SlackDigestSenderOptions) {
    this.log = opts.logger;
    this.now = opts.now ?? Date.now;
    const token = opts.botToken;
    if (opts.tokenFor) this.tokenFor = opts.tokenFor;
    else if (token) this.tokenFor = async () => token;
    else throw new Error('SlackDigestSender needs botToken or tokenFor');
  }

  private clientFor(token: string): WebClient {
    let client = this.clients.get(token);
    if (!client) {
      if (this.clients.size >= MAX_CLIENTS) this.clients.clear();
      client = new WebClient(token, { slackApiUrl: this.opts.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, timeout: this.opts.timeoutMs ?? 10_000 });
      this.clients.set(token, client);
    }
    return client;
  }

  /** The client for a subscription's workspace, or the outcome when there is no token to post with. */
  private async clientOf(sub: Subscription, attempt: number): Promise<WebClient | SendOutcome> {
    try {
      return this.clientFor(await this.tokenFor(sub));
    } catch (err) {
      if (isCodedError(err, 'INSTALLATION_NOT_FOUND')) return { kind: 'permanent', reason: 'not_installed' };
      this.log.warn({ code: isCodedError(err) ? err.code : 'unknown', err: forLog((err as Error).message), team: forLog(sub.workspace) }, 'no slack token for a digest now; will retry');
      return { kind: 'retry-after', ms: backoffMs(attempt), reason: isCodedError(err) ? err.code : 'token_unavailable' };
    }
  }

  /** Post one digest to the subscription's channel. */
  async send(sub: Subscription, reply: Reply, attempt: SendAttempt): Promise<SendOutcome> {
    // the workspace's other digests wait out its Retry-After without a call; the refused one, retried, asks Slack
    const limit = this.limitedUntil.get(sub.workspace);
    if (limit !== undefined && limit.sub !== sub.id) {
      const left = limit.until - this.now();
      if (left > 0) return { kind: 'retry-after', ms: left, reason: 'ratelimited' };
      this.limitedUntil.delete(sub.workspace);
    }
    const client = await this.clientOf(sub, attempt.attempt);
    if (!(client instanceof WebClient)) return client;
    const message = renderBlockKit(reply, { buttons: false });
    try {
      await client.chat.postMessage({
        channel: sub.conversation,
        text: message.text,
        blocks: message.blocks as never,
        unfurl_links: false,
        unfurl_media: false,
        ...(attempt.date ? { metadata: digestMetadata(sub, attempt.date) } : {}),
      });
      if (this.limitedUntil.get(sub.workspace)?.sub === sub.id) this.limitedUntil.delete(sub.workspace);
      return { kind: 'ok' };
    } catch (err) {
      const outcome = slackOutcome(err, attempt.attempt);
      if (outcome.kind === 'retry-after' && outcome.reason === 'ratelimited') this.limitedUntil.set(sub.workspace, { until: this.now() + outcome.ms, sub: sub.id });
      this.log.warn({ code: (err as { code?: string }).code, outcome: outcome.kind, reason: forLog(outcome.kind === 'ok' ? '' : outcome.reason), channel: forLog(sub.conversation) }, 'slack chat.postMessage failed');
      return outcome;
    }
  }

  /**
   * Whether this subscription's digest for this local date is in the channel: conversations.history since the
   * local day began (a bounded number of pages), looking for the digest's message metadata. Throws when Slack
   * cannot answer now; answers false (so the digest is sent) when the bot may not read the channel's history.
   */
  async findDelivered(sub: Subscription, date: string): Promise<boolean> {
    const oldest = String(Math.floor(instantOf(date, '00:00', sub.tz) / 1000));
    const client = this.clientFor(await this.tokenFor(sub));
    let cursor: string | undefined;
    for (let page = 0; page < HISTORY_PAGES; page++) {
      let res;
      try {
        res = await client.conversations.history({ channel: sub.conversation, oldest, limit: HISTORY_PAGE, include_all_metadata: true, ...(cursor ? { cursor } : {}) });
      } catch (err) {
        const code = (err as { data?: { error?: string } }).data?.error;
        if (code && CANNOT_LOOK.has(code)) {
          this.log.warn({ code, channel: forLog(sub.conversation) }, 'slack conversations.history refused; cannot tell whether an interrupted digest landed, sending it (grant channels:history and groups:history)');
          return false;
        }
        throw err;
      }
      for (const m of res.messages ?? []) {
        const md = (m as { metadata?: { event_type?: string; event_payload?: Record<string, unknown> } }).metadata;
        if (md?.event_type === DIGEST_EVENT_TYPE && md.event_payload?.subscription === sub.id && md.event_payload?.date === date) return true;
      }
      cursor = res.response_metadata?.next_cursor || undefined;
      if (!res.has_more || !cursor) return false;
    }
    this.log.warn({ channel: forLog(sub.conversation), pages: HISTORY_PAGES }, 'slack channel history longer than the lookup reads; an interrupted digest not found there is sent');
    return false;
  }
}

/** The Slack digest sender of one workspace's deployment (SLACK_BOT_TOKEN), or undefined when that is not how Slack is configured. */
export function slackDigestSenderFrom(config: SlackSettings, logger: Logger): SlackDigestSender | undefined {
  const token = config.slack?.botToken;
  return token ? new SlackDigestSender({ botToken: token, apiUrl: config.slack!.apiUrl, logger }) : undefined;
}
