import type { SlackConfig } from './config.js';
import { CodedError } from '../../src/errors.js';
import { slackErrorCode, type SlackSender } from './slack-sender.js';

/** Who the bot is in Slack: its user id (for mentions) and bot id (to ignore its own messages). */
export interface BotIdentity {
  botUserId: string;
  botId: string;
}

/**
 * The bot's identity: from SLACK_BOT_USER_ID and SLACK_BOT_ID when both are set, otherwise one auth.test call
 * at start. A rejected token stops start-up here, naming the variable, rather than failing every request later.
 */
export async function resolveBotIdentity(config: SlackConfig, sender: SlackSender): Promise<BotIdentity> {
  if (config.botUserId && config.botId) return { botUserId: config.botUserId, botId: config.botId };
  let res: { user_id?: string; bot_id?: string };
  try {
    res = await sender.client.auth.test();
  } catch (err) {
    throw new CodedError('SLACK_AUTH_FAILED', `SLACK_BOT_TOKEN was not accepted by auth.test at ${config.apiUrl} (${slackErrorCode(err)}); check the token and SLACK_API_URL, or set SLACK_BOT_USER_ID and SLACK_BOT_ID`, { cause: err });
  }
  const botUserId = config.botUserId ?? res.user_id;
  const botId = config.botId ?? res.bot_id;
  if (!botUserId || !botId) throw new CodedError('SLACK_AUTH_FAILED', 'auth.test did not say which bot SLACK_BOT_TOKEN belongs to; is it a bot token (xoxb-…)?');
  return { botUserId, botId };
}
