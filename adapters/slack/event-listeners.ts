import type { Middleware, SlackEventMiddlewareArgs } from '@slack/bolt';
import { findsNothing } from '../../src/conversation/bot.js';
import { forLog } from '../../src/logger.js';
import { inAnsweredThread, markAnsweredThread } from './bot-threads.js';
import { deliver } from './deliver.js';
import { firstDelivery } from './event-dedup.js';
import { HOME_EVENT, publishHome } from './home-listener.js';
import { ask, botUserIdOf, senderOf, type ListenerDeps } from './listener-deps.js';
import { ChannelMessageEvent, DirectMessageEvent, EventCallback, MentionEvent, validated } from './payloads.js';
import { unfurlLinks } from './unfurl.js';
import { directTurn, isIgnorable, mentionTurn, threadReplyTurn, type SlackTurn } from './to-inbound.js';

/**
 * The event types plan-bot answers: app_mention and message (message.im, and message.channels / message.groups
 * in the threads it answered in), app_home_opened (the home tab it publishes) and link_shared (unfurls of passage
 * links). One app.event listener takes them all rather than one each: Bolt runs every registered
 * listener chain on every request, slash commands included, and a fourth chain cost 16 µs of server CPU per /plan
 * (212 µs against 196 µs, the bare Bolt app 163 µs; bench:slack's signed /plan load, 9 alternating rounds).
 */
export const ANSWERED_EVENTS = /^(app_mention|message|app_home_opened|link_shared)$/;

/**
 * The message events plan-bot reads, as the manifest's bot_events name them (message.channels, message.groups: plain
 * replies in its threads; message.im: DMs), with the channel_type each arrives with; test/slack/manifest.test.ts holds
 * the manifest to exactly these and app_mention.
 */
export const MESSAGE_EVENTS = { 'message.channels': 'channel', 'message.groups': 'group', 'message.im': 'im' } as const;

type EventLike = { type: string; channel_type?: unknown };

/** The turn an app_mention or message event asks for, or null when it is malformed or to be ignored. */
async function turnOf(deps: ListenerDeps, body: unknown, event: EventLike, context: Record<string, unknown>): Promise<SlackTurn | null> {
  const envelope = validated(EventCallback, context, body);
  const botUserId = botUserIdOf(deps, context);
  if (event.type === 'app_mention') {
    const mention = MentionEvent.safeParse(event);
    if (!envelope.success || !mention.success) {
      deps.log.warn({ problem: forLog((mention.error ?? envelope.error)?.issues[0]?.message) }, 'malformed app_mention ignored');
      return null;
    }
    return isIgnorable(mention.data, botUserId) ? null : mentionTurn(envelope.data, mention.data, botUserId);
  }
  if (event.channel_type === MESSAGE_EVENTS['message.channels'] || event.channel_type === MESSAGE_EVENTS['message.groups']) {
    const msg = ChannelMessageEvent.safeParse(event);
    if (!envelope.success || !msg.success) {
      deps.log.warn({ problem: forLog((msg.error ?? envelope.error)?.issues[0]?.message) }, 'malformed channel message ignored');
      return null;
    }
    if (isIgnorable(msg.data, botUserId)) return null;
    const turn = threadReplyTurn(envelope.data, msg.data, botUserId);
    return turn && (await inAnsweredThread(deps.store, deps.log, turn)) ? turn : null;
  }
  if (event.channel_type !== MESSAGE_EVENTS['message.im']) return null;
  const dm = DirectMessageEvent.safeParse(event);
  if (!envelope.success || !dm.success) {
    deps.log.warn({ problem: forLog((dm.error ?? envelope.error)?.issues[0]?.message) }, 'malformed direct message ignored');
    return null;
  }
  return isIgnorable(dm.data, botUserId) ? null : directTurn(envelope.data, dm.data, botUserId);
}

/**
 * app_mention (answered in a thread under the mention, in that thread's context), message.im (answered in the DM,
 * in the DM's context) and plain replies in a channel thread the bot answered in while its context lives (answered
 * there, in that context). Bot messages, the bot's own, edits, deletions and other subtypes are ignored; what is
 * left is answered once per event_id (event-dedup.ts), claimed only for events that are to be answered.
 */
export function eventListener(deps: ListenerDeps): Middleware<SlackEventMiddlewareArgs> {
  return async ({ body, event, context }) => {
    if (event.type === HOME_EVENT) return void (await publishHome(deps, body, event, context));
    if (event.type === 'link_shared') {
      if (await firstDelivery(deps.store, deps.log, body, context)) await unfurlLinks(deps, event, context);
      return;
    }
    const turn = await turnOf(deps, body, event, context);
    if (!turn) return;
    if (!(await firstDelivery(deps.store, deps.log, body, context))) return;
    const reply = await ask(deps, turn.message);
    // a plain reply in the thread that finds nothing (谢谢, 好的, talk between people) is not answered
    if (turn.message.unprompted && findsNothing(reply)) return;
    const sent = await deliver(senderOf(deps, context), turn.target, reply, deps.log);
    await markAnsweredThread(deps.store, deps.log, turn, sent, deps.threadTtlSeconds);
  };
}
