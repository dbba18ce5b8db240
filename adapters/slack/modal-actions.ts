import { forLog } from '../../src/logger.js';
import { passageResult } from '../../src/reply/passage-result.js';
import type { Reply } from '../../src/reply/reply.js';
import { renderBlockKit } from './block-kit.js';
import { ask, senderOf, type ListenerDeps } from './listener-deps.js';
import type { BlockActions, ModalView } from './payloads.js';
import { CHANNEL_ACTION, CHANNEL_BLOCK, SHARE_ACTION, searchModal } from './search-modal.js';
import { slackErrorCode } from './slack-sender.js';
import { queryOf, searchConversation } from './view-listener.js';

/** Why a share from the modal did not reach the channel, said in the modal (Slack's error code → what to do). */
function shareProblem(code: string): string {
  switch (code) {
    case 'not_in_channel':
    case 'channel_not_found':
      return 'plan-bot 不在所选频道中:请先在该频道输入 /invite @plan-bot,再分享。';
    case 'is_archived':
      return '所选频道已归档,无法分享。';
    default:
      return `分享失败(${code}),请稍后再试。`;
  }
}

/** The modal redrawn with a notice above the same search (the query the modal carries, asked again). */
async function redraw(deps: ListenerDeps, body: BlockActions, view: ModalView, context: Record<string, unknown>, notice: string): Promise<void> {
  const query = view.private_metadata || queryOf(view);
  let reply: Reply | undefined;
  if (query) reply = await ask(deps, { platform: 'slack', workspace: body.team.id, conversation: searchConversation(body.user.id), user: body.user.id, text: query, messageId: `modal-${view.id}-${Date.now()}` });
  try {
    await senderOf(deps, context).client.views.update({ view_id: view.id, ...(view.hash ? { hash: view.hash } : {}), view: searchModal({ query, ...(reply ? { reply } : {}), notice }) as never });
  } catch (err) {
    deps.log.error({ code: slackErrorCode(err), err: forLog((err as Error).message) }, 'slack views.update failed');
  }
}

/**
 * A press inside the search modal: choosing the channel needs nothing (Slack keeps it in the modal's state);
 * 分享到频道 posts that passage to the chosen channel, visibly, saying who shared it, and says in the modal how it went.
 */
export async function modalAction(deps: ListenerDeps, body: BlockActions, context: Record<string, unknown>): Promise<void> {
  const pressed = body.actions[0]!;
  if (pressed.action_id === CHANNEL_ACTION || !pressed.action_id.startsWith(SHARE_ACTION)) return;
  const view = body.view?.id ? ({ ...body.view, id: body.view.id, callback_id: body.view.callback_id ?? '' } satisfies ModalView) : undefined;
  if (!view) {
    deps.log.warn({ actionId: forLog(pressed.action_id) }, 'modal press without its view ignored');
    return;
  }
  const channel = view.state?.values[CHANNEL_BLOCK]?.[CHANNEL_ACTION]?.selected_conversation;
  if (!channel) return redraw(deps, body, view, context, '请先在上方选择要分享到的频道。');
  const item = passageResult(deps.knowledge, pressed.value ?? '', deps.publicUrl);
  if (!item) return redraw(deps, body, view, context, '这段内容已不在规划中,请重新搜索。');
  const shared = renderBlockKit({ intent: 'share', text: item.title, results: [item] }, { buttons: false, byline: `<@${body.user.id}> 从规划中分享` });
  const sent = await senderOf(deps, context).post(channel, shared);
  return redraw(deps, body, view, context, sent.ok ? `已分享「${item.title}」。` : shareProblem(sent.code));
}
