import { ErrorCode, WebClient, type WebAPICallError } from '@slack/web-api';
import { backoffMs, retryAfterMs, type DigestSender, type SendAttempt, type SendOutcome } from '../../src/digest/digest-sender.js';
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
      await this.client.chat.postMessage({ channel: sub.conversation, text: message.text, blocks: message.blocks as never, unfurl_links: false, unfurl_media: false });
      return { kind: 'ok' };
    } catch (err) {
      const outcome = slackOutcome(err, attempt.attempt);
      this.log.warn({ code: (err as { code?: string }).code, outcome: outcome.kind, reason: forLog(outcome.kind === 'ok' ? '' : outcome.reason), channel: forLog(sub.conversation) }, 'slack chat.postMessage failed');
      return outcome;
    }
  }
}

/** The Slack digest sender for a configuration, or undefined when Slack is off (no SLACK_BOT_TOKEN). */
export function slackDigestSenderFrom(config: SlackSettings, logger: Logger): SlackDigestSender | undefined {
  return config.slack ? new SlackDigestSender({ botToken: config.slack.botToken, apiUrl: config.slack.apiUrl, logger }) : undefined;
}
