import { ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import { backoffMs, retryAfterMs, type DigestSender, type SendAttempt, type SendOutcome } from '../../src/digest/digest-sender.js';
import { forLog, type Logger } from '../../src/logger.js';
import type { Reply } from '../../src/reply/reply.js';
import type { Store } from '../../src/store/store.js';
import type { Subscription } from '../../src/store/subscription.js';
import type { TeamsConfig } from './config.js';
import { loadReference, TeamsReference } from './conversation-reference.js';
import { replyActivities } from './teams-turn.js';

/** Statuses after which the Bot Connector may accept the same post later. */
const TRANSIENT = new Set([412, 429, 502, 503, 504]);
/** Who issues tokens for posting to channels, and for whom (botframework-connector's AuthenticationConstants). */
const LOGIN_URL = 'https://login.microsoftonline.com/botframework.com';
const CONNECTOR_SCOPE = 'https://api.botframework.com';

export interface TeamsDigestSenderOptions {
  /** MICROSOFT_APP_ID; empty for unauthenticated local testing (no token is sent) */
  appId: string;
  /** botbuilder's credentials for the app (password, certificate or managed identity) */
  credentials: ConfigurationServiceClientCredentialFactory;
  store: Store;
  logger: Logger;
  /** per-request timeout (default 10 s) */
  timeoutMs?: number;
}

/** Map a Bot Connector answer to what delivery should do: 412/429/502/503/504 back off, 403/404 mean the bot is gone. */
export function teamsOutcome(status: number | undefined, retryAfter: string | null | undefined, attempt: number, detail = ''): SendOutcome {
  if (status === 403) return { kind: 'permanent', reason: 'bot_removed' };
  if (status === 404) return { kind: 'permanent', reason: 'conversation_not_found' };
  if (status !== undefined && TRANSIENT.has(status)) return { kind: 'retry-after', ms: retryAfterMs(retryAfter) ?? backoffMs(attempt), reason: `http_${status}` };
  // anything else (500, 401 while a token refreshes, no answer at all): back off and try again, within the job's attempts
  return { kind: 'retry-after', ms: backoffMs(attempt), reason: status ? `http_${status}` : `request_error: ${detail}` };
}

/**
 * Posts digests into Teams conversations proactively: the Bot Connector's POST
 * {serviceUrl}/v3/conversations/{id}/activities, addressed by the conversation reference kept with the
 * subscription (or saved by the Teams adapter), signed with botbuilder's app credentials. It calls the REST
 * endpoint itself rather than CloudAdapter.continueConversationAsync because the connector client retries
 * 5xx on its own with real sleeps; here every retry goes back to the scheduler, which backs off without
 * holding a worker.
 */
export class TeamsDigestSender implements DigestSender {
  constructor(private readonly opts: TeamsDigestSenderOptions) {}

  private async reference(sub: Subscription): Promise<TeamsReference | null> {
    const kept = TeamsReference.safeParse(sub.ref);
    if (kept.success) return kept.data;
    return loadReference(this.opts.store, sub.workspace, sub.conversation);
  }

  /**
   * The Authorization header, with a token from Entra ID. msal-node posts to the token endpoint with no timeout of its
   * own, so the wait is bounded here (the post itself is abandoned) and a token endpoint that never answers is a
   * retry-after, not a worker held forever.
   */
  private async authorization(): Promise<Record<string, string>> {
    if (!this.opts.appId) return {};
    const ms = this.opts.timeoutMs ?? 10_000;
    const sign = async () => {
      const creds = await this.opts.credentials.createCredentials(this.opts.appId, CONNECTOR_SCOPE, LOGIN_URL, true);
      const headers: Record<string, string> = {};
      await creds.signRequest({ headers: { set: (name: string, value: string) => void (headers[name.toLowerCase()] = value) } } as never);
      return headers;
    };
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no token from the Entra ID token endpoint within ${ms} ms`)), ms)));
    try {
      return await Promise.race([sign(), late]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Post one digest as Adaptive Cards to the subscription's conversation. */
  async send(sub: Subscription, reply: Reply, attempt: SendAttempt): Promise<SendOutcome> {
    const ref = await this.reference(sub);
    if (!ref) return { kind: 'permanent', reason: 'no_reference' };
    const url = `${ref.serviceUrl.replace(/\/+$/, '')}/v3/conversations/${encodeURIComponent(ref.conversation.id)}/activities`;
    const activities = replyActivities(reply).map((a) => ({ ...a, channelId: ref.channelId, serviceUrl: ref.serviceUrl, conversation: ref.conversation, from: ref.bot }));
    let posted = 0;
    for (const activity of activities) {
      let res: Response;
      try {
        res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json; charset=utf-8', ...(await this.authorization()) },
          body: JSON.stringify(activity),
          signal: AbortSignal.timeout(this.opts.timeoutMs ?? 10_000),
        });
        await res.arrayBuffer();
      } catch (err) {
        if (posted > 0) break;
        return teamsOutcome(undefined, undefined, attempt.attempt, (err as Error).message);
      }
      if (res.ok) {
        posted += 1;
        continue;
      }
      const outcome = teamsOutcome(res.status, res.headers.get('retry-after'), attempt.attempt);
      this.opts.logger.warn({ status: res.status, outcome: outcome.kind, conversation: forLog(sub.conversation) }, 'teams proactive post failed');
      // once part of a long digest is in the channel, a retry would repeat it: report what went out
      if (posted === 0) return outcome;
      break;
    }
    if (posted < activities.length) this.opts.logger.error({ posted, of: activities.length, conversation: forLog(sub.conversation) }, 'teams digest posted in part');
    return { kind: 'ok' };
  }
}

/** The Teams digest sender for a configuration, with botbuilder credentials from the MICROSOFT_APP_* settings. */
export function teamsDigestSenderFrom(config: Partial<TeamsConfig>, store: Store, logger: Logger): TeamsDigestSender {
  const credentials = new ConfigurationServiceClientCredentialFactory({
    MicrosoftAppId: config.microsoftAppId ?? '',
    MicrosoftAppPassword: config.microsoftAppPassword ?? '',
    MicrosoftAppType: config.microsoftAppType ?? 'MultiTenant',
    MicrosoftAppTenantId: config.microsoftAppTenantId ?? '',
  });
  return new TeamsDigestSender({ appId: config.microsoftAppId ?? '', credentials, store, logger, ...(config.teamsSendTimeoutMs ? { timeoutMs: config.teamsSendTimeoutMs } : {}) });
}
