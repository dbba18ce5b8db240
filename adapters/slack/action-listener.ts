import type { BlockAction, Middleware, SlackActionMiddlewareArgs } from '@slack/bolt';
import { forLog } from '../../src/logger.js';
import { ACTION_PREFIX, renderBlockKit } from './block-kit.js';
import { markAnsweredThread } from './bot-threads.js';
import { deliver } from './deliver.js';
import { ask, senderOf, type ListenerDeps } from './listener-deps.js';
import { BlockActions, validated } from './payloads.js';
import { decodeShare } from './share-snapshot.js';
import { actionTurn } from './to-inbound.js';

/** The action_ids of plan-bot's own buttons; presses of any other app's buttons are left unacknowledged (404). */
export const OWN_ACTIONS = new RegExp(`^${ACTION_PREFIX.replaceAll('.', '\\.')}`);

const CANNOT_SHARE = { text: '这条回答无法分享,请重新提问后再分享。', blocks: [] };

/** 分享到频道: post the copy the button carries to the channel, visibly, saying who shared it. */
async function share(deps: ListenerDeps, body: BlockActions, value: string): Promise<void> {
  const reply = decodeShare(value);
  if (!body.response_url) {
    deps.log.warn({ code: 'no_response_url' }, 'share pressed without a response_url; nothing posted');
    return;
  }
  if (!reply) {
    await deps.sender.respond(body.response_url, CANNOT_SHARE);
    return;
  }
  const message = renderBlockKit(reply, { buttons: false, byline: `<@${body.user.id}> 分享了这条回答` });
  await deps.sender.respond(body.response_url, message, { inChannel: true });
}

/**
 * Presses of plan-bot's buttons (block_actions): the button's value is the message text the bot receives
 * (更多, 展开第2条, 订阅 应急管理), answered in the context of the message the button sits on and sent where that
 * message is (privately, or in its thread); 分享 posts the answer to the channel.
 */
export function actionListener(deps: ListenerDeps): Middleware<SlackActionMiddlewareArgs<BlockAction>> {
  return async ({ ack, body, context }) => {
    const parsed = validated(BlockActions, context, body);
    if (!parsed.success) {
      deps.log.warn({ problem: forLog(parsed.error.issues[0]?.message) }, 'malformed block_actions ignored');
      return;
    }
    await ack();
    const pressed = parsed.data.actions[0]!;
    const value = pressed.value ?? '';
    if (pressed.action_id.startsWith(`${ACTION_PREFIX}share.`)) return share(deps, parsed.data, value);
    const turn = actionTurn(parsed.data, value);
    if (!turn) {
      deps.log.warn({ actionId: forLog(pressed.action_id) }, 'button press without a channel ignored');
      return;
    }
    const reply = await ask(deps, turn.message);
    const sent = await deliver(senderOf(deps, context), turn.target, reply, deps.log);
    await markAnsweredThread(deps.store, deps.log, turn, sent, deps.threadTtlSeconds);
  };
}
