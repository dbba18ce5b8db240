import { MentionEntity, SubmitData, splitConversationId, type TeamsActivity } from './activity.js';
import type { ReplyChains } from './reply-chains.js';

/**
 * The resource-specific consent that makes Teams deliver every channel message, not only @mentions: what the
 * follow-ups without a mention below need, and the one RSC permission the manifest declares (a test checks it).
 */
export const CHANNEL_MESSAGES_RSC = { name: 'ChannelMessage.Read.Group', type: 'Application' } as const;

/** Whether a message was sent by a bot (another app, or plan-bot itself): Teams bot ids start with 28:. */
export function fromBot(a: TeamsActivity): boolean {
  const from = a.from;
  if (!from) return false;
  return from.role === 'bot' || from.id === a.recipient.id || from.id.startsWith('28:');
}

/** Whether the message @mentions plan-bot (a mention entity naming the bot's id). */
export function mentionsBot(a: TeamsActivity): boolean {
  return (a.entities ?? []).some((e) => {
    const m = MentionEntity.safeParse(e);
    return m.success && m.data.mentioned.id === a.recipient.id;
  });
}

/** The channel and reply chain of a channel message; undefined outside channels or for a message with no chain. */
export function channelChain(a: TeamsActivity): { conversation: string; chain: string } | undefined {
  if (a.conversation.conversationType !== 'channel') return undefined;
  const { conversation, thread } = splitConversationId(a.conversation.id);
  return thread ? { conversation, chain: thread } : undefined;
}

/**
 * Whether a message is for plan-bot. Bots' messages never are. In personal and group chats Teams delivers only what
 * is for the bot (group chats: @mentions). In a channel, where the ChannelMessage.Read.Group consent delivers every
 * message, it is for plan-bot when it @mentions the bot, is the data of one of its cards' buttons, or is posted in a
 * reply chain the bot has answered in while that chain's context lives; anything else there is people talking.
 */
export async function addressedToBot(a: TeamsActivity, chains: ReplyChains): Promise<boolean> {
  if (fromBot(a)) return false;
  if (a.conversation.conversationType !== 'channel') return true;
  if (mentionsBot(a) || SubmitData.safeParse(a.value).success) return true;
  const where = channelChain(a);
  return where ? chains.has(where.conversation, where.chain) : false;
}

/** A channel message that is for plan-bot only because of the reply chain it is in: no mention, no button data. */
export function isUnprompted(a: TeamsActivity): boolean {
  return a.conversation.conversationType === 'channel' && !mentionsBot(a) && !SubmitData.safeParse(a.value).success;
}
