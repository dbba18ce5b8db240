import type { Bot } from '../../src/conversation/bot.js';
import type { InboundMessage } from '../../src/inbound.js';
import type { Knowledge } from '../../src/knowledge.js';
import { forLog, type Logger } from '../../src/logger.js';
import type { Reply } from '../../src/reply/reply.js';
import type { Store } from '../../src/store/store.js';
import type { SlackSender } from './slack-sender.js';

/** What the Slack listeners need: the bot to answer, the sender to reply, the Store, and who the bot is. */
export interface ListenerDeps {
  bot: Bot;
  /** the loaded plans: what a shared link or a share button names by passage id */
  knowledge: Knowledge;
  /** PUBLIC_URL: passage links to unfurl and to cite; absent: no unfurls */
  publicUrl?: string;
  /** the clock of the home tab's next deliveries (tests set it) */
  now?: () => number;
  sender: SlackSender;
  /** OAuth mode: the sender posting with a workspace's token (Bolt's authorize put it in the context); absent: `sender` posts */
  senderFor?: (botToken: string) => SlackSender;
  /** the bot's own user id, to strip its mention and ignore its own messages (OAuth mode: each workspace's comes in the context) */
  botUserId: string;
  log: Logger;
  /** where the threads the bot answered in are remembered (and events claimed once) */
  store: Store;
  /** how long a thread the bot answered in takes plain replies: the context's TTL */
  threadTtlSeconds: number;
  /** how long a slash command may take before it is acked and answered at response_url */
  ackBudgetMs: number;
}

const SORRY: Reply = { intent: 'error', title: '暂时无法回答', text: '暂时无法回答,请稍后再试。', results: [], footer: '请稍后再试。' };

/** Ask the bot; the bot promises never to throw, and this makes sure a broken promise still yields an answer. */
export async function ask(deps: ListenerDeps, message: InboundMessage): Promise<Reply> {
  try {
    return await deps.bot.handle(message);
  } catch (err) {
    deps.log.error({ err: forLog((err as Error).message), text: forLog(message.text) }, 'bot failed to answer');
    return SORRY;
  }
}

/** The sender for this request's workspace: its installation's token in OAuth mode, the one token otherwise. */
export function senderOf(deps: ListenerDeps, context: Record<string, unknown>): SlackSender {
  const token = context.botToken;
  return deps.senderFor && typeof token === 'string' ? deps.senderFor(token) : deps.sender;
}

/** The bot's user id in this request's workspace (from Bolt's authorize), or the configured one. */
export function botUserIdOf(deps: ListenerDeps, context: Record<string, unknown>): string {
  return typeof context.botUserId === 'string' && context.botUserId !== '' ? context.botUserId : deps.botUserId;
}
