import { ErrorCode, WebClient, type WebAPICallError } from '@slack/web-api';
import { backoffMs, DIGEST_EVENT_TYPE, retryAfterMs, type DigestSender, type SendAttempt, type SendOutcome } from '../../src/digest/digest-sender.js';
import { instantOf } from '../../src/digest/local-time.js';
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
  botToken: string;
  /** Web API base URL, e.g. https://slack.com/api/ (SLACK_API_URL) */
  apiUrl: string;
  logger: Logger;
  /** per-request timeout (default 10 s) */
  timeoutMs?: number;
}

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
 * Posts digests to Slack channels with chat.postMessage, rendered by the Block Kit renderer without buttons.
 * The WebClient's own retries are off and rate-limited calls are rejected, so a 429 comes back to the
 * scheduler as retry-after with Slack's Retry-After instead of blocking a worker.
 */
export class SlackDigestSender implements DigestSender {
  private readonly client: WebClient;
  private readonly log: Logger;

  constructor(opts: SlackDigestSenderOptions) {
    this.log = opts.logger;
    this.client = new WebClient(opts.botToken, {
      slackApiUrl: opts.apiUrl,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      timeout: opts.timeoutMs ?? 10_000,
    });
  }

  /** Post one digest to the subscription's channel. */
  async send(sub: Subscription, reply: Reply, attempt: SendAttempt): Promise<SendOutcome> {
    const message = renderBlockKit(reply, { buttons: false });
    try {
      await this.client.chat.postMessage({
        channel: sub.conversation,
        text: message.text,
        blocks: message.blocks as never,
        unfurl_links: false,
        unfurl_media: false,
        ...(attempt.date ? { metadata: digestMetadata(sub, attempt.date) } : {}),
      });
      return { kind: 'ok' };
    } catch (err) {
      const outcome = slackOutcome(err, attempt.attempt);
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
    let cursor: string | undefined;
    for (let page = 0; page < HISTORY_PAGES; page++) {
      let res;
      try {
        res = await this.client.conversations.history({ channel: sub.conversation, oldest, limit: HISTORY_PAGE, include_all_metadata: true, ...(cursor ? { cursor } : {}) });
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

/** The Slack digest sender for a configuration, or undefined when Slack is off (no SLACK_BOT_TOKEN). */
export function slackDigestSenderFrom(config: SlackSettings, logger: Logger): SlackDigestSender | undefined {
  return config.slack ? new SlackDigestSender({ botToken: config.slack.botToken, apiUrl: config.slack.apiUrl, logger }) : undefined;
}
