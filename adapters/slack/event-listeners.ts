import type { Middleware, SlackEventMiddlewareArgs } from '@slack/bolt';
import { forLog } from '../../src/logger.js';
import { deliver } from './deliver.js';
import { ask, type ListenerDeps } from './listener-deps.js';
import { DirectMessageEvent, EventCallback, MentionEvent, validated } from './payloads.js';
import { directTurn, isIgnorable, mentionTurn, type SlackTurn } from './to-inbound.js';

async function answer(deps: ListenerDeps, turn: SlackTurn): Promise<void> {
  const reply = await ask(deps, turn.message);
  await deliver(deps.sender, turn.target, reply, deps.log);
}

/** app_mention: answered in a thread under the mention (or in the thread it was made in), in that thread's context. */
export function mentionListener(deps: ListenerDeps): Middleware<SlackEventMiddlewareArgs<'app_mention'>> {
  return async ({ body, event, context }) => {
    const envelope = validated(EventCallback, context, body);
    const mention = MentionEvent.safeParse(event);
    if (!envelope.success || !mention.success) {
      deps.log.warn({ problem: forLog((mention.error ?? envelope.error)?.issues[0]?.message) }, 'malformed app_mention ignored');
      return;
    }
    if (!isIgnorable(mention.data, deps.botUserId)) await answer(deps, mentionTurn(envelope.data, mention.data, deps.botUserId));
  };
}

/** Listener middleware: only messages in a direct conversation with the bot (message.im) go on. */
export const onlyDirectMessages: Middleware<SlackEventMiddlewareArgs<'message'>> = async ({ event, next }) => {
  if (event.channel_type === 'im') await next();
};

/** message.im: answered in the DM (or the DM thread), in its context. Bot messages, edits and other subtypes are ignored. */
export function directMessageListener(deps: ListenerDeps): Middleware<SlackEventMiddlewareArgs<'message'>> {
  return async ({ body, event, context }) => {
    const envelope = validated(EventCallback, context, body);
    const dm = DirectMessageEvent.safeParse(event);
    if (!envelope.success || !dm.success) {
      deps.log.warn({ problem: forLog((dm.error ?? envelope.error)?.issues[0]?.message) }, 'malformed direct message ignored');
      return;
    }
    if (!isIgnorable(dm.data, deps.botUserId)) await answer(deps, directTurn(envelope.data, dm.data, deps.botUserId));
  };
}
