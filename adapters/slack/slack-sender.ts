import { webApi } from '@slack/bolt';
import type { Logger } from '../../src/logger.js';
import { forLog } from '../../src/logger.js';
import type { HomeView, SlackMessage } from './block-types.js';
import { boltLogger } from './bolt-logger.js';

/** The outcome of one send: posted (with the message ts when Slack gives one), or Slack's error code. */
export type SendResult = { ok: true; ts?: string } | { ok: false; code: string };

/** Longest Retry-After plan-bot waits on a response_url before giving up (Slack asks for seconds, not minutes). */
const MAX_RETRY_AFTER_SECONDS = 30;
const RESPONSE_URL_ATTEMPTS = 3;

export interface SlackSenderOptions {
  /** the bot token it posts with; absent: it only answers response_urls (which need none) */
  token?: string;
  /** Web API base URL ending in '/' */
  apiUrl: string;
  logger: Logger;
  /** retries of a failed Web API call (429s wait Retry-After first); default 3 */
  retries?: number;
}

/** Slack's error code of a failed Web API call: `channel_not_found`, `ratelimited`, an HTTP status, … */
export function slackErrorCode(err: unknown): string {
  const e = err as { code?: string; data?: { error?: string }; statusCode?: number; retryAfter?: number };
  if (e?.data?.error) return e.data.error;
  if (e?.code === webApi.ErrorCode.RateLimitedError) return 'ratelimited';
  if (e?.code === webApi.ErrorCode.HTTPError) return `http_${e.statusCode ?? 'error'}`;
  return e?.code ?? 'unknown_error';
}

/**
 * Everything plan-bot sends to Slack: chat.postMessage through the Web API client (which honours 429
 * Retry-After and retries), and answers to response_urls (429 honoured here). Failures are logged with
 * Slack's error code and returned, never thrown, so one failed post cannot crash a request.
 */
export class SlackSender {
  readonly client: InstanceType<typeof webApi.WebClient>;
  private readonly log: Logger;

  constructor(opts: SlackSenderOptions) {
    this.log = opts.logger;
    this.client = new webApi.WebClient(opts.token, {
      slackApiUrl: opts.apiUrl,
      logger: boltLogger(opts.logger, 'slack-web-api'),
      retryConfig: { retries: opts.retries ?? 3, factor: 2, minTimeout: 200, maxTimeout: 5000, randomize: true },
      timeout: 10_000,
    });
    this.client.on(webApi.WebClientEvent.RATE_LIMITED, (retryAfter: number, req: { url?: string }) => {
      this.log.warn({ code: 'ratelimited', retryAfterSeconds: retryAfter, method: forLog(String(req?.url ?? '').split('/').pop()) }, 'slack web api rate limited; waiting Retry-After');
    });
  }

  /** chat.postMessage: a message to a channel, in a thread when threadTs is given. */
  async post(channel: string, message: SlackMessage, threadTs?: string): Promise<SendResult> {
    try {
      const res = await this.client.chat.postMessage({ channel, text: message.text, blocks: message.blocks, ...(threadTs ? { thread_ts: threadTs } : {}), unfurl_links: false, unfurl_media: false });
      return { ok: true, ...(res.ts ? { ts: res.ts } : {}) };
    } catch (err) {
      const code = slackErrorCode(err);
      this.log.error({ code, channel: forLog(channel), err: forLog((err as Error).message) }, 'slack chat.postMessage failed');
      return { ok: false, code };
    }
  }

  /** views.publish: a user's App Home tab. */
  async publishHome(userId: string, view: HomeView): Promise<SendResult> {
    try {
      await this.client.views.publish({ user_id: userId, view });
      return { ok: true };
    } catch (err) {
      const code = slackErrorCode(err);
      this.log.error({ code, err: forLog((err as Error).message) }, 'slack views.publish failed');
      return { ok: false, code };
    }
  }

  /**
   * Answer through a response_url: ephemeral or in_channel, as a new message unless replaceOriginal. The listeners
   * use this rather than Bolt's `respond` because Bolt's (5.1, context/create-respond) fetches with no timeout and,
   * on a 429, throws a RespondError that drops the Retry-After header, so the wait Slack asks for cannot be kept.
   */
  async respond(responseUrl: string, message: SlackMessage, opts: { inChannel?: boolean; replaceOriginal?: boolean } = {}): Promise<SendResult> {
    const body = JSON.stringify({ response_type: opts.inChannel ? 'in_channel' : 'ephemeral', replace_original: Boolean(opts.replaceOriginal), text: message.text, blocks: message.blocks });
    for (let attempt = 1; attempt <= RESPONSE_URL_ATTEMPTS; attempt++) {
      let res: Response;
      try {
        res = await fetch(responseUrl, { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' }, body, redirect: 'error', signal: AbortSignal.timeout(10_000) });
      } catch (err) {
        this.log.error({ code: 'request_error', attempt, err: forLog((err as Error).message) }, 'slack response_url request failed');
        continue;
      }
      const text = await res.text();
      if (res.status === 429 && attempt < RESPONSE_URL_ATTEMPTS) {
        const wait = Math.min(Number.parseInt(res.headers.get('retry-after') ?? '1', 10) || 1, MAX_RETRY_AFTER_SECONDS);
        this.log.warn({ code: 'ratelimited', retryAfterSeconds: wait, attempt }, 'slack response_url rate limited; waiting Retry-After');
        await new Promise((r) => setTimeout(r, wait * 1000));
        continue;
      }
      if (res.ok && !/"ok"\s*:\s*false/.test(text)) return { ok: true };
      const code = (res.status === 429 ? 'ratelimited' : undefined) ?? /"error"\s*:\s*"([\w-]+)"/.exec(text)?.[1] ?? (/^[a-z_]{3,60}$/.test(text.trim()) ? text.trim() : `http_${res.status}`);
      this.log.error({ code, status: res.status }, 'slack response_url answer failed');
      return { ok: false, code };
    }
    return { ok: false, code: 'request_error' };
  }
}
