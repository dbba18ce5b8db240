import type { App } from '@slack/bolt';
import { forLog } from '../../src/logger.js';
import { deliver } from './deliver.js';
import { ask, type ListenerDeps } from './listener-deps.js';
import { DirectMessageEvent, EventCallback, MentionEvent } from './payloads.js';
import { directTurn, isIgnorable, mentionTurn, type SlackTurn } from './to-inbound.js';

async function answer(deps: ListenerDeps, turn: SlackTurn): Promise<void> {
  const reply = await ask(deps, turn.message);
  await deliver(deps.sender, turn.target, reply, deps.log);
}

/**
 * app_mention (answered in a thread under the mention, in that thread's context) and message.im (answered in
 * the DM, in the DM's context). Bot messages, edits and other subtypes are ignored.
 */
export function registerEvents(app: App, deps: ListenerDeps): void {
  app.event('app_mention', async ({ body, event }) => {
    const envelope = EventCallback.safeParse(body);
    const mention = MentionEvent.safeParse(event);
    if (!envelope.success || !mention.success) {
      deps.log.warn({ problem: forLog((mention.error ?? envelope.error)?.issues[0]?.message) }, 'malformed app_mention ignored');
      return;
    }
    if (isIgnorable(mention.data, deps.botUserId)) return;
    await answer(deps, mentionTurn(envelope.data, mention.data, deps.botUserId));
  });

  app.event('message', async ({ body, event }) => {
    if ((event as { channel_type?: unknown }).channel_type !== 'im') return;
    const envelope = EventCallback.safeParse(body);
    const dm = DirectMessageEvent.safeParse(event);
    if (!envelope.success || !dm.success) {
      deps.log.warn({ problem: forLog((dm.error ?? envelope.error)?.issues[0]?.message) }, 'malformed direct message ignored');
      return;
    }
    if (isIgnorable(dm.data, deps.botUserId)) return;
    await answer(deps, directTurn(envelope.data, dm.data, deps.botUserId));
  });
}
