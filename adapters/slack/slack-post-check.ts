import { WebClient } from '@slack/web-api';
import type { PostCheck } from '../../src/digest/subscription-status.js';
import { forLog, type Logger } from '../../src/logger.js';
import type { Store } from '../../src/store/store.js';
import type { SlackSettings } from './config.js';
import { slackOAuthParts } from './slack-oauth.js';

/** Clients kept, one per token (OAuth: one per workspace); past this many the cache starts again. */
const MAX_CLIENTS = 1_000;

/** conversations.info errors that say the bot cannot post there; any other error means it cannot tell. */
const CANNOT_POST = new Set(['channel_not_found', 'not_in_channel', 'is_archived', 'account_inactive', 'token_revoked', 'invalid_auth', 'not_authed']);

/**
 * Whether the bot can post in a Slack channel, asked without posting (conversations.info; scopes channels:read and
 * groups:read): a public channel takes its posts (chat:write.public) unless archived; a private one only when the
 * bot is a member (a private channel it is not in is channel_not_found to it); a DM with the bot always does.
 * Undefined when Slack does not answer in time or the scope is missing: status then judges by the last delivery.
 * In OAuth mode it asks with the channel's workspace's token (none: it cannot tell).
 */
export function slackPostCheck(config: SlackSettings, logger: Logger, store?: Store): PostCheck | undefined {
  const c = config.slack;
  if (!c) return undefined;
  const oauth = c.oauth && store ? slackOAuthParts(c, c.oauth, store, logger) : undefined;
  if (!c.botToken && !oauth) return undefined;
  const clients = new Map<string, WebClient>();
  const clientFor = (token: string): WebClient => {
    let client = clients.get(token);
    if (!client) {
      if (clients.size >= MAX_CLIENTS) clients.clear();
      clients.set(token, (client = new WebClient(token, { slackApiUrl: c.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, timeout: 2000 })));
    }
    return client;
  };
  const tokenFor = async (workspace: string): Promise<string | undefined> => {
    if (c.botToken) return c.botToken;
    try {
      return (await oauth!.tokens.botAuthForTeam(workspace)).botToken;
    } catch (err) {
      logger.warn({ err: forLog((err as Error).message), team: forLog(workspace) }, 'no slack token to ask whether the bot can post; status judges by the last delivery');
      return undefined;
    }
  };
  return async (channel) => {
    if (channel.conversation.startsWith('D')) return { ok: true };
    const token = await tokenFor(channel.workspace);
    if (!token) return undefined;
    try {
      const res = await clientFor(token).conversations.info({ channel: channel.conversation });
      const c = (res.channel ?? {}) as { is_archived?: boolean; is_private?: boolean; is_group?: boolean; is_member?: boolean };
      if (c.is_archived) return { ok: false, reason: 'is_archived' };
      if ((c.is_private || c.is_group) && !c.is_member) return { ok: false, reason: 'not_in_channel' };
      return { ok: true };
    } catch (err) {
      const code = (err as { data?: { error?: string } }).data?.error;
      if (code && CANNOT_POST.has(code)) return { ok: false, reason: code };
      logger.warn({ code: code ?? (err as { code?: string }).code ?? 'unknown', channel: forLog(channel.conversation) }, 'slack conversations.info did not say whether the bot can post; status judges by the last delivery');
      return undefined;
    }
  };
}
