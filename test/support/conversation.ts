// One conversation with a bot, turn after turn, as a chat would send them (one conversation id, numbered messages).
import { randomUUID } from 'node:crypto';
import type { Bot } from '../../src/conversation/bot.js';
import type { Reply } from '../../src/reply/reply.js';

/** A function that sends each text to the same fresh conversation of this bot and resolves with the reply. */
export function conversationWith(bot: Bot): (text: string) => Promise<Reply> {
  const conversation = randomUUID();
  let n = 0;
  return (text) => bot.handle({ platform: 'console', workspace: 'w', conversation, user: 'u', text, messageId: `${conversation}-${n++}` });
}

/** The error a function throws (undefined when it does not), for asserting on its code and message. */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  return undefined;
}
