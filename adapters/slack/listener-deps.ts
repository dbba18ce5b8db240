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
  /** the loaded plans: the assistant's suggested prompts and the home tab's outline and examples come from them */
  knowledge: Knowledge;
  /** the clock of the home tab's next deliveries (tests set it) */
  now?: () => number;
  sender: SlackSender;
  /** the bot's own user id, to strip its mention and ignore its own messages */
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
