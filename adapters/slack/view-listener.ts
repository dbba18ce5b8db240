import type { Middleware, SlackViewMiddlewareArgs } from '@slack/bolt';
import { forLog } from '../../src/logger.js';
import { ask, type ListenerDeps } from './listener-deps.js';
import { teamOf, validated, ViewSubmission, type ModalView } from './payloads.js';
import { QUERY_ACTION, QUERY_BLOCK, SEARCH_MODAL, searchModal } from './search-modal.js';

/** plan-bot's modals' callback_ids (one Bolt listener for all of them). */
export const OWN_VIEWS = new RegExp(`^${SEARCH_MODAL}$`);

/** What was typed in the search modal's box. */
export function queryOf(view: ModalView): string {
  return (view.state?.values[QUERY_BLOCK]?.[QUERY_ACTION]?.value ?? '').trim();
}

/** The conversation a user's modal searches are asked in: their own, apart from every channel's. */
export function searchConversation(user: string): string {
  return `search-${user}`;
}

/**
 * 搜索 in the search modal: the question answered by the bot and the modal updated in place (response_action
 * update) with the passages, each shareable, and the box still holding the question. An empty box is refused
 * with Slack's own field error.
 */
export function viewListener(deps: ListenerDeps): Middleware<SlackViewMiddlewareArgs> {
  return async ({ ack, body, context }) => {
    const parsed = validated(ViewSubmission, context, body);
    if (!parsed.success) {
      deps.log.warn({ problem: forLog(parsed.error.issues[0]?.message) }, 'malformed view_submission ignored');
      await ack();
      return;
    }
    const query = queryOf(parsed.data.view);
    if (!query) {
      await ack({ response_action: 'errors', errors: { [QUERY_BLOCK]: '请输入要搜索的主题或问题' } });
      return;
    }
    const user = parsed.data.user.id;
    const workspace = teamOf(parsed.data) ?? 'unknown';
    const reply = await ask(deps, { platform: 'slack', workspace, conversation: searchConversation(user), user, text: query, messageId: `view-${parsed.data.view.id}-${Date.now()}` });
    await ack({ response_action: 'update', view: searchModal({ query, reply }) as never });
  };
}
