import { forLog } from '../../src/logger.js';
import type { Store } from '../../src/store/store.js';
import { deliver } from './deliver.js';
import { firstDelivery } from './event-dedup.js';
import type { HandlerArgs } from './listener-args.js';
import { ask, type ListenerDeps } from './listener-deps.js';
import { DirectMessageEvent, EventCallback, MentionEvent } from './payloads.js';
import { directTurn, isIgnorable, mentionTurn, type SlackTurn } from './to-inbound.js';

async function answer(deps: ListenerDeps, turn: SlackTurn): Promise<void> {
  const reply = await ask(deps, turn.message);
  await deliver(deps.sender, turn.target, reply, deps.log);
}

/** The turn an app_mention or message.im event asks for, or null when it is malformed or to be ignored. */
function turnOf(deps: ListenerDeps, body: unknown, event: { type: string; channel_type?: unknown }): SlackTurn | null {
  const envelope = EventCallback.safeParse(body);
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
 * the DM, in the DM's context), each event once however often Slack delivers it. Bot messages, edits and other
 * subtypes are ignored.
 */
export function eventHandler(deps: ListenerDeps, store: Store): (args: HandlerArgs & { event: { type: string; channel_type?: unknown } }) => Promise<void> {
  return async ({ body, event, context }) => {
    if (event.type !== 'app_mention' && event.type !== 'message') return;
    if (!(await firstDelivery(store, deps.log, body, context))) return;
    const turn = turnOf(deps, body, event);
    if (turn) await answer(deps, turn);
  };
}
