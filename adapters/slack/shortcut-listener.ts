import type { Middleware, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { forLog } from '../../src/logger.js';
import { renderBlockKit } from './block-kit.js';
import { ask, senderOf, type ListenerDeps } from './listener-deps.js';
import { GlobalShortcut, MessageShortcut, teamOf, validated } from './payloads.js';
import { FIND_SHORTCUT, SEARCH_SHORTCUT, searchModal } from './search-modal.js';
import { slackErrorCode } from './slack-sender.js';
import { slashThread } from './to-inbound.js';

/** plan-bot's shortcuts' callback_ids: one Bolt listener takes both (every registered listener costs every request). */
export const OWN_SHORTCUTS = new RegExp(`^(${SEARCH_SHORTCUT}|${FIND_SHORTCUT})$`);

const NO_TEXT = '这条消息没有可查找的文字(只有图片、文件或卡片)。请选中一条有文字的消息,或用 /plan 直接提问。';

/** 搜索规划 (global): open the search modal with the shortcut's trigger_id (valid for 3 s, so before anything else). */
async function openSearch(deps: ListenerDeps, body: GlobalShortcut, context: Record<string, unknown>): Promise<void> {
  try {
    await senderOf(deps, context).client.views.open({ trigger_id: body.trigger_id, view: searchModal() as never });
  } catch (err) {
    deps.log.error({ code: slackErrorCode(err), err: forLog((err as Error).message) }, 'slack views.open failed');
  }
}

/**
 * 在规划中查找 (on a message): the message's text asked as a question, in the user's private context of that channel
 * (as /plan is, so /plan 更多 goes on from it), answered only to them, with 分享到频道.
 */
async function findInPlan(deps: ListenerDeps, body: MessageShortcut): Promise<void> {
  const text = (body.message.text ?? '').trim();
  if (!text) {
    await deps.sender.respond(body.response_url, { text: NO_TEXT, blocks: [] });
    return;
  }
  const channel = body.channel.id;
  const thread = slashThread(channel, body.user.id);
  const reply = await ask(deps, { platform: 'slack', workspace: body.team.id, conversation: channel, ...(thread ? { thread } : {}), user: body.user.id, text, messageId: body.trigger_id });
  await deps.sender.respond(body.response_url, renderBlockKit(reply, { share: true }));
}

/** The global shortcut 搜索规划 and the message shortcut 在规划中查找: acked at once, then answered. */
export function shortcutListener(deps: ListenerDeps): Middleware<SlackShortcutMiddlewareArgs> {
  return async ({ ack, body, context }) => {
    const isMessage = body.type === 'message_action';
    const parsed = isMessage ? validated(MessageShortcut, context, body) : validated(GlobalShortcut, context, body);
    await ack();
    if (!parsed.success) {
      deps.log.warn({ problem: forLog(parsed.error.issues[0]?.message) }, 'malformed shortcut ignored');
      return;
    }
    const data = parsed.data;
    if (data.type === 'message_action') return findInPlan(deps, data);
    if (!teamOf(data)) deps.log.warn({ code: 'no_team' }, 'shortcut without a team; searching anyway');
    return openSearch(deps, data, context);
  };
}
