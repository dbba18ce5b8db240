import type { Middleware, SlackEventMiddlewareArgs } from '@slack/bolt';
import { forLog } from '../../src/logger.js';
import { deliver } from './deliver.js';
import { ask, type ListenerDeps } from './listener-deps.js';
import { DirectMessageEvent, EventCallback, MentionEvent, validated } from './payloads.js';
import { directTurn, isIgnorable, mentionTurn, type SlackTurn } from './to-inbound.js';

/**
 * The event types plan-bot answers: app_mention and message (of those, only message.im, which is all the
 * manifest subscribes to). One app.event listener takes both rather than one each: Bolt runs every registered
 * listener chain on every request, slash commands included, and a fourth chain cost 16 µs of server CPU per /plan
 * (212 µs against 196 µs, the bare Bolt app 163 µs; bench:slack's signed /plan load, 9 alternating rounds).
 */
export const ANSWERED_EVENTS = /^(app_mention|message)$/;

/** The turn an app_mention or message.im event asks for, or null when it is malformed or to be ignored. */
function turnOf(deps: ListenerDeps, body: unknown, event: { type: string; channel_type?: unknown }, context: Record<string, unknown>): SlackTurn | null {
  const envelope = validated(EventCallback, context, body);
  if (event.type === 'app_mention') {
    const mention = MentionEvent.safeParse(event);
    if (!envelope.success || !mention.success) {
      deps.log.warn({ problem: forLog((mention.error ?? envelope.error)?.issues[0]?.message) }, 'malformed app_mention ignored');
      return null;
    }
    return isIgnorable(mention.data, deps.botUserId) ? null : mentionTurn(envelope.data, mention.data, deps.botUserId);
  }
  if (event.channel_type !== 'im') return null;
  const dm = DirectMessageEvent.safeParse(event);
  if (!envelope.success || !dm.success) {
    deps.log.warn({ problem: forLog((dm.error ?? envelope.error)?.issues[0]?.message) }, 'malformed direct message ignored');
    return null;
  }
  return isIgnorable(dm.data, deps.botUserId) ? null : directTurn(envelope.data, dm.data, deps.botUserId);
}

/**
 * app_mention (answered in a thread under the mention, in that thread's context) and message.im (answered in
 * the DM, in the DM's context). Bot messages, edits and other subtypes are ignored.
 */
export function eventListener(deps: ListenerDeps): Middleware<SlackEventMiddlewareArgs> {
  return async ({ body, event, context }) => {
    const turn = turnOf(deps, body, event, context);
    if (!turn) return;
    const reply = await ask(deps, turn.message);
    await deliver(deps.sender, turn.target, reply, deps.log);
  };
}
