import { WebClient } from '@slack/web-api';
import type { PostCheck } from '../../src/digest/subscription-status.js';
import { forLog, type Logger } from '../../src/logger.js';
import type { SlackSettings } from './config.js';

/** conversations.info errors that say the bot cannot post there; any other error means it cannot tell. */
const CANNOT_POST = new Set(['channel_not_found', 'not_in_channel', 'is_archived', 'account_inactive', 'token_revoked', 'invalid_auth', 'not_authed']);

/**
 * Whether the bot can post in a Slack channel, asked without posting (conversations.info; scopes channels:read and
 * groups:read): a public channel takes its posts (chat:write.public) unless archived; a private one only when the
 * bot is a member (a private channel it is not in is channel_not_found to it); a DM with the bot always does.
 * Undefined when Slack does not answer in time or the scope is missing: status then judges by the last delivery.
 */
export function slackPostCheck(config: SlackSettings, logger: Logger): PostCheck | undefined {
  // OAuth mode: a token per workspace, which this check does not read; status judges by the last delivery
  if (!config.slack?.botToken) return undefined;
  const client = new WebClient(config.slack.botToken, { slackApiUrl: config.slack.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, timeout: 2000 });
  return async (channel) => {
    if (channel.conversation.startsWith('D')) return { ok: true };
    try {
      const res = await client.conversations.info({ channel: channel.conversation });
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
