import type { InboundMessage } from '../../src/inbound.js';
import { homeDm } from './home-view.js';
import { unescapeSlackText } from './mrkdwn.js';
import type { BlockActions, ChannelMessageEvent, DirectMessageEvent, EventCallback, MentionEvent, SlashCommand } from './payloads.js';

/** Where and how an answer goes back: a channel, maybe a thread, or privately through a response_url. */
export interface SlackTarget {
  channel: string;
  threadTs?: string;
  /** answer only the user who asked (slash commands and their buttons) */
  ephemeral: boolean;
  responseUrl?: string;
}

/** An inbound message together with where its answer goes. */
export interface SlackTurn {
  message: InboundMessage;
  target: SlackTarget;
}

/**
 * The context thread of a slash command: its answer is private to the user, so in a shared channel each user
 * gets a context of their own; in a DM the slash command shares the DM's context.
 */
export function slashThread(channel: string, user: string): string | undefined {
  return channel.startsWith('D') ? undefined : `ephemeral:${user}`;
}

/** /plan TEXT → a message in the asker's private context of that channel; answered ephemerally. */
export function commandTurn(cmd: SlashCommand): SlackTurn {
  const thread = slashThread(cmd.channel_id, cmd.user_id);
  return {
    message: {
      platform: 'slack',
      workspace: cmd.team_id,
      conversation: cmd.channel_id,
      ...(thread ? { thread } : {}),
      user: cmd.user_id,
      text: unescapeSlackText(cmd.text),
      messageId: cmd.trigger_id ?? `cmd-${cmd.channel_id}-${cmd.user_id}-${Date.now()}`,
    },
    target: { channel: cmd.channel_id, ephemeral: true, ...(cmd.response_url ? { responseUrl: cmd.response_url } : {}) },
  };
}

/** Remove the mentions of the bot itself from a message's text, leaving the question. */
export function stripBotMention(text: string, botUserId: string): string {
  return text.replace(new RegExp(`<@${botUserId}(?:\\|[^>]*)?>`, 'g'), ' ').replace(/\s+/g, ' ').trim();
}

/** Whether an event is one plan-bot must not answer: from a bot (itself included), an edit, or any other subtype. */
export function isIgnorable(event: { subtype?: string; bot_id?: string; user?: string; edited?: unknown }, botUserId: string): boolean {
  return Boolean(event.subtype || event.bot_id || event.edited || !event.user || event.user === botUserId);
}

/** app_mention → a message in the thread's context (the mention starts the thread when it is not in one). */
export function mentionTurn(envelope: EventCallback, event: MentionEvent, botUserId: string): SlackTurn {
  const threadTs = event.thread_ts ?? event.ts;
  return {
    message: {
      platform: 'slack',
      workspace: envelope.team_id,
      conversation: event.channel,
      thread: threadTs,
      user: event.user ?? 'unknown',
      text: stripBotMention(unescapeSlackText(event.text), botUserId),
      messageId: envelope.event_id,
    },
    target: { channel: event.channel, threadTs, ephemeral: false },
  };
}

/** message.im → a message in the DM's context (or the DM thread's, when the user replied in a thread). */
export function directTurn(envelope: EventCallback, event: DirectMessageEvent, botUserId: string): SlackTurn {
  return {
    message: {
      platform: 'slack',
      workspace: envelope.team_id,
      conversation: event.channel,
      ...(event.thread_ts ? { thread: event.thread_ts } : {}),
      user: event.user ?? 'unknown',
      text: stripBotMention(unescapeSlackText(event.text ?? ''), botUserId),
      messageId: envelope.event_id,
    },
    target: { channel: event.channel, ...(event.thread_ts ? { threadTs: event.thread_ts } : {}), ephemeral: false },
  };
}

/** Whether a message's text mentions the bot (then Slack also sends it as an app_mention, which answers it). */
export function mentionsBot(text: string, botUserId: string): boolean {
  return text.includes(`<@${botUserId}>`) || text.includes(`<@${botUserId}|`);
}

/**
 * A plain reply in a channel thread → a message in that thread's context, or null when it is not a thread reply
 * (a top-level message, or the thread's parent) or when it mentions the bot (its app_mention is answered instead).
 * Whether the bot is in that thread is for the caller to ask the Store.
 */
export function threadReplyTurn(envelope: EventCallback, event: ChannelMessageEvent, botUserId: string): SlackTurn | null {
  const text = event.text ?? '';
  if (!event.thread_ts || event.thread_ts === event.ts || mentionsBot(text, botUserId)) return null;
  return {
    message: {
      platform: 'slack',
      workspace: envelope.team_id,
      conversation: event.channel,
      thread: event.thread_ts,
      user: event.user ?? 'unknown',
      text: unescapeSlackText(text).trim(),
      messageId: envelope.event_id,
      unprompted: true,
    },
    target: { channel: event.channel, threadTs: event.thread_ts, ephemeral: false },
  };
}

/**
 * A button press → the button's command text in the context of the message the button sits on: an ephemeral
 * answer's private context, the thread of a threaded message, the DM, or (a top-level channel message) a new
 * thread under it. Returns null when the payload does not say which channel the button is in.
 */
export function actionTurn(body: BlockActions, text: string): SlackTurn | null {
  if (body.container.type === 'view') return homeTurn(body, text);
  const channel = body.container.channel_id ?? body.channel?.id;
  if (!channel) return null;
  const user = body.user.id;
  const base = { platform: 'slack' as const, workspace: body.team.id, conversation: channel, user, text, messageId: body.trigger_id ?? `act-${channel}-${user}-${Date.now()}` };
  const responseUrl = body.response_url ? { responseUrl: body.response_url } : {};
  if (body.container.is_ephemeral) {
    const thread = slashThread(channel, user);
    return { message: { ...base, ...(thread ? { thread } : {}) }, target: { channel, ephemeral: true, ...responseUrl } };
  }
  const messageTs = body.message?.ts ?? body.container.message_ts;
  const threadTs = body.message?.thread_ts ?? body.container.thread_ts ?? (channel.startsWith('D') ? undefined : messageTs);
  return {
    message: { ...base, ...(threadTs ? { thread: threadTs } : {}) },
    target: { channel, ...(threadTs ? { threadTs } : {}), ephemeral: false, ...responseUrl },
  };
}

/**
 * A press of a home tab button → its question in the user's DM with the bot, in the DM's context (the one their typed
 * messages there share), answered there. The DM is the one the home view carries; without it the answer is posted to
 * the user's id, which Slack delivers to the same DM.
 */
export function homeTurn(body: BlockActions, text: string): SlackTurn {
  const user = body.user.id;
  const dm = homeDm(body.view?.private_metadata) ?? user;
  return {
    message: { platform: 'slack', workspace: body.team.id, conversation: dm, user, text, messageId: body.trigger_id ?? `home-${user}-${Date.now()}` },
    target: { channel: dm, ephemeral: false },
  };
}
