import type { InboundMessage } from '../../src/inbound.js';
import { MentionEntity, SubmitData, splitConversationId, tenantOf, type TeamsActivity } from './activity.js';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

/** Teams sends message text with a little HTML (mentions, &nbsp;, <p> from the rich editor); reduce it to plain text. */
function plainText(s: string): string {
  return s
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<[^>]{0,500}>/g, '')
    .replace(/&(amp|lt|gt|quot|apos|nbsp|#39);/g, (_, e: string) => ENTITIES[e] ?? '')
    .replace(/\u00a0/g, ' ')
    .trim();
}

/** Remove every at-mention of the bot (the `<at>…</at>` spans its mention entities name) from a message text. */
export function stripBotMention(text: string, entities: TeamsActivity['entities'], botId: string): string {
  let out = text;
  for (const e of entities ?? []) {
    const m = MentionEntity.safeParse(e);
    if (m.success && m.data.mentioned.id === botId && m.data.text) out = out.split(m.data.text).join(' ');
  }
  return out;
}

/** What the user asked: the data of a pressed card button, else the message text without the bot's mention. */
function askedText(a: TeamsActivity): string | null {
  const submit = SubmitData.safeParse(a.value);
  if (submit.success) return submit.data.text;
  if (a.text === undefined) return null;
  return plainText(stripBotMention(a.text, a.entities, a.recipient.id));
}

/**
 * Turn a Teams message activity into the platform-neutral InboundMessage: tenant as workspace, the
 * channel's reply chain as thread. Returns null for a message with nothing to answer (e.g. a foreign card's data).
 */
export function toInbound(a: TeamsActivity): InboundMessage | null {
  const text = askedText(a);
  if (text === null) return null;
  const { conversation, thread } = splitConversationId(a.conversation.id);
  return {
    platform: 'teams',
    workspace: tenantOf(a),
    conversation,
    ...(thread ? { thread } : {}),
    user: a.from?.aadObjectId || a.from?.id || 'unknown',
    text,
    messageId: a.id ?? `${a.conversation.id}:${Date.now()}`,
  };
}
