import { CardFactory, type Activity, type TurnContext } from 'botbuilder';
import { clipText } from '../../src/reply/clip.js';
import type { Bot } from '../../src/conversation/bot.js';
import { forLog, type Logger } from '../../src/logger.js';
import type { Reply } from '../../src/reply/reply.js';
import type { TeamsActivity } from './activity.js';
import { findsNothing } from '../../src/conversation/bot.js';
import { addressedToBot, channelChain, isUnprompted } from './addressed.js';
import type { ReferenceKeeper } from './conversation-reference.js';
import { renderCards } from './render-card.js';
import type { ReplyChains } from './reply-chains.js';
import type { MessageExtension } from './message-extension.js';
import { answerInvoke } from './teams-invoke.js';
import { toInbound } from './to-inbound.js';

/** The heading of the card the bot posts when it is added to a chat, a group chat or a team. */
export const WELCOME_HEADING = '你好,我是 plan-bot';

/** What the bot is asked for when it is added: the core's help, shown under the welcome heading. */
const WELCOME_TEXT = '帮助';

/** What a Teams turn needs: the core bot, the keeper of conversation references, the reply chains answered in, a logger. */
export interface TurnDeps {
  bot: Bot;
  references: ReferenceKeeper;
  chains: ReplyChains;
  logger: Logger;
  /** the compose-box search and link unfurling */
  extension?: MessageExtension;
}

/** The message activities that carry a Reply: one Adaptive Card each (more than one only for a very long answer). */
export function replyActivities(reply: Reply, heading?: string): Partial<Activity>[] {
  const summary = clipText(reply.title ?? heading ?? reply.text, 100);
  return renderCards(reply, heading ? { heading } : {}).map((c) => ({ type: 'message', summary, attachments: [CardFactory.adaptiveCard(c)] }));
}

/**
 * Post message activities (a Reply's cards) into the conversation the activity came from. They are posted to the
 * conversation (in a channel: the reply chain's id, `…;messageid=…`), not as a reply to the user's activity, which
 * is how Teams threads channel answers.
 */
async function post(context: TurnContext, activities: Partial<Activity>[]): Promise<void> {
  context.onSendActivities(async (_ctx, sent, next) => {
    for (const a of sent) delete a.replyToId;
    return next();
  });
  await context.sendActivities(activities);
}

function botWasAdded(a: TeamsActivity): boolean {
  return (a.membersAdded ?? []).some((m) => m.id === a.recipient.id);
}

/**
 * One Teams turn: a message for the bot (typed, @mentioned, a card button's data in activity.value, or a follow-up
 * in a channel reply chain it has answered in; see addressed.ts) is answered by the core bot in its conversation's
 * context; an invoke is answered in the HTTP response (teams-invoke.ts); the bot being added gets a short welcome
 * with help. Every turn for the bot (but the message extension's, from
 * the compose box of any chat) keeps the conversation reference for the digest's proactive posts.
 */
export function createTurnLogic(deps: TurnDeps): (context: TurnContext, activity: TeamsActivity) => Promise<void> {
  const { bot, references, chains, logger, extension } = deps;
  const answered = async (a: TeamsActivity): Promise<void> => {
    const where = channelChain(a);
    if (where) await chains.remember(where.conversation, where.chain);
  };
  return async (context, a) => {
    if (a.type === 'message') {
      // with ChannelMessage.Read.Group every channel message arrives: those not for the bot leave nothing behind
      if (!(await addressedToBot(a, chains))) {
        logger.debug({ activity: forLog(a.id), conversation: forLog(a.conversation.id) }, 'teams channel message not for the bot');
        return;
      }
      await references.save(a);
      const inbound = toInbound(a);
      if (!inbound) {
        logger.debug({ activity: forLog(a.id), value: forLog(a.value) }, 'teams message with nothing to answer');
        return;
      }
      // a plain message in a reply chain the bot is in, not addressed to it: answered only when it finds something
      const msg = isUnprompted(a) ? { ...inbound, unprompted: true } : inbound;
      const reply = await bot.handle(msg);
      if (msg.unprompted && findsNothing(reply)) {
        logger.debug({ activity: forLog(a.id) }, 'teams reply-chain message that finds nothing: left to the people talking');
        return;
      }
      logger.debug({ intent: reply.intent, text: forLog(msg.text), conversation: forLog(msg.conversation), ...(msg.thread ? { thread: forLog(msg.thread) } : {}) }, 'teams answer');
      await post(context, replyActivities(reply));
      return answered(a);
    }
    if (a.type === 'invoke') {
      // the compose box's search and link unfurling happen in chats the bot may not be in: they keep no reference
      if (!a.name?.startsWith('composeExtension/')) await references.save(a);
      return answerInvoke(context, a, { bot, logger, post, render: (reply) => replyActivities(reply), answered, ...(extension ? { extension } : {}) });
    }
    if (a.type === 'conversationUpdate' || a.type === 'installationUpdate') await references.save(a);
    if (a.type === 'conversationUpdate' && botWasAdded(a)) {
      const msg = toInbound({ ...a, text: WELCOME_TEXT, value: undefined, entities: undefined });
      if (!msg) return;
      return post(context, replyActivities(await bot.handle(msg), WELCOME_HEADING));
    }
  };
}
