import type { ConversationKey } from '../../src/conversation-key.js';
import { forLog, type Logger } from '../../src/logger.js';
import type { Store } from '../../src/store/store.js';
import type { SendResult } from './slack-sender.js';
import type { SlackTurn } from './to-inbound.js';

/** The thread a turn is answered in, as the Store names it; undefined for DMs, private answers and top-level posts. */
function threadKey(turn: SlackTurn): ConversationKey | undefined {
  const { message, target } = turn;
  if (target.ephemeral || !target.threadTs || target.channel.startsWith('D')) return undefined;
  return { platform: 'slack', workspace: message.workspace, conversation: target.channel, thread: target.threadTs };
}

/**
 * After an answer went into a channel thread: remember the thread for the context's TTL, so that plain replies
 * there are answered without a mention. A Store failure costs only that (the next answer writes it again).
 */
export async function markAnsweredThread(store: Store, log: Logger, turn: SlackTurn, sent: SendResult, ttlSeconds: number): Promise<void> {
  const key = threadKey(turn);
  if (!key || !sent.ok) return;
  try {
    await store.markBotThread(key, ttlSeconds);
  } catch (err) {
    log.warn({ err: forLog((err as Error).message), channel: forLog(key.conversation) }, 'could not remember the thread; follow-ups there need a mention');
  }
}

/** Whether the bot answered in this turn's thread recently enough; false (stay silent) when the Store cannot say. */
export async function inAnsweredThread(store: Store, log: Logger, turn: SlackTurn): Promise<boolean> {
  const key = threadKey(turn);
  if (!key) return false;
  try {
    return await store.isBotThread(key);
  } catch (err) {
    log.warn({ err: forLog((err as Error).message), channel: forLog(key.conversation) }, 'could not look up the thread; plain message not answered');
    return false;
  }
}
