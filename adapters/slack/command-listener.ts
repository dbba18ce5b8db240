import { forLog } from '../../src/logger.js';
import { within } from './ack-budget.js';
import { renderBlockKit } from './block-kit.js';
import { SlashAckCache } from './slash-ack-cache.js';
import { ask, type ListenerDeps } from './listener-deps.js';
import { SlashCommand, validated } from './payloads.js';
import type { CommandHandler } from './route-receiver.js';
import { commandTurn } from './to-inbound.js';

const WORKING = '正在查找…';

/**
 * /plan TEXT (under whatever name the workspace gave the command): answered in the ack body (one HTTP round
 * trip, ephemeral, with 分享到频道). An answer that is not ready within the ack budget is acked with a
 * placeholder and then sent to the response_url in its place.
 */
export function commandListener(deps: ListenerDeps): CommandHandler {
  const acks = new SlashAckCache();
  return async ({ body, ack, context }) => {
    const parsed = validated(SlashCommand, context, body);
    if (!parsed.success) {
      deps.log.warn({ problem: forLog(parsed.error.issues[0]?.message) }, 'malformed slash command');
      await ack({ response_type: 'ephemeral', text: '无法读取这条命令。' });
      return;
    }
    const turn = commandTurn(parsed.data);
    const answer = ask(deps, turn.message);
    const settled = await within(answer, deps.ackBudgetMs);
    if (settled.done) {
      await ack(acks.ack(settled.value));
      return;
    }
    await ack({ response_type: 'ephemeral', text: WORKING });
    const reply = await answer;
    if (!turn.target.responseUrl) {
      deps.log.warn({ code: 'no_response_url' }, 'slow slash command answer has no response_url; dropped');
      return;
    }
    // plan-bot's respond, not Bolt's: see SlackSender.respond
    await deps.sender.respond(turn.target.responseUrl, renderBlockKit(reply, { share: true }), { replaceOriginal: true });
  };
}
