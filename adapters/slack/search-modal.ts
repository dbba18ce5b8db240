import { clipText } from '../../src/reply/clip.js';
import { viewReply } from '../../src/reply/reply-view.js';
import type { Reply } from '../../src/reply/reply.js';
import { ACTION_PREFIX, resultBlocks } from './block-kit.js';
import { clipEscaped, LIMITS } from './block-limits.js';
import type { Block, ModalBlock } from './block-types.js';
import { escapeMrkdwn, stripControl } from './mrkdwn.js';

/** The global shortcut's callback_id (manifest: features.shortcuts, 搜索规划). */
export const SEARCH_SHORTCUT = 'plan_search';
/** The message shortcut's callback_id (manifest: features.shortcuts, 在规划中查找). */
export const FIND_SHORTCUT = 'plan_find';
/** The search modal's callback_id: its view_submission is a search. */
export const SEARCH_MODAL = 'plan_search_modal';

/** Where the modal keeps the question box and the share-to channel picker (block_id / action_id). */
export const QUERY_BLOCK = 'q';
export const QUERY_ACTION = 'query';
export const CHANNEL_BLOCK = 'share_to';
/** The picker's and the share buttons' action_ids: under plan-bot's prefix, so the one action listener gets them. */
export const MODAL_ACTION_PREFIX = `${ACTION_PREFIX}modal.`;
export const CHANNEL_ACTION = `${MODAL_ACTION_PREFIX}channel`;
export const SHARE_ACTION = `${MODAL_ACTION_PREFIX}share.`;

/** Slack's modal limits: 100 blocks, 24-character title and button labels, 3,000 characters of private_metadata. */
const MODAL_BLOCKS = 100;
const MODAL_LABEL = 24;
/** Results shown in the modal: a screenful, each with its 分享 button (3–4 blocks each). */
const MODAL_RESULTS = 10;
/** Longest question the box takes (a search, not an essay). */
export const QUERY_MAX = 500;

function plain(text: string, max: number): { type: 'plain_text'; text: string; emoji: true } {
  return { type: 'plain_text', text: clipText(stripControl(text), max) || ' ', emoji: true };
}

function context(text: string): Block {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: clipEscaped(text, LIMITS.contextText), verbatim: true }] };
}

/** What the modal shows: an empty search, or a search's answer with a notice (已分享, 请先选择频道) above it. */
export interface SearchModalState {
  query?: string;
  reply?: Reply;
  notice?: string;
}

/** The blocks of an answer in the modal: the channel picker, then each result with its 分享 button, then the closing line. */
function answerBlocks(reply: Reply): ModalBlock[] {
  const v = viewReply(reply, { snippet: 300 });
  if (v.results.length === 0) return [{ type: 'section', text: { type: 'mrkdwn', text: clipEscaped(escapeMrkdwn(stripControl(reply.text)), LIMITS.sectionText), verbatim: true } }];
  const blocks: ModalBlock[] = [
    {
      type: 'actions',
      block_id: CHANNEL_BLOCK,
      elements: [{ type: 'conversations_select', action_id: CHANNEL_ACTION, placeholder: plain('分享到哪个频道…', 150), filter: { include: ['public', 'private'], exclude_bot_users: true } }],
    },
  ];
  for (const [i, r] of v.results.slice(0, MODAL_RESULTS).entries()) {
    blocks.push(...resultBlocks(r), { type: 'actions', elements: [{ type: 'button', action_id: `${SHARE_ACTION}${i}`, text: plain('分享到频道', LIMITS.buttonText), value: r.item.id.slice(0, LIMITS.buttonValue) }] });
  }
  const left = v.results.length - Math.min(v.results.length, MODAL_RESULTS);
  if (left > 0) blocks.push(context(`还有 ${left} 条;换个更具体的说法再搜,或在频道里用 /plan 查看全部。`));
  return blocks;
}

/**
 * The 搜索规划 modal: a search box (kept filled after a search, so the next search starts from it) and, after a
 * submission, the answer's passages, each with 分享到频道 and one channel picker above them. Within Slack's modal limits.
 */
export function searchModal(state: SearchModalState = {}): Record<string, unknown> {
  const blocks: ModalBlock[] = [];
  if (state.notice) blocks.push(context(`:information_source: ${escapeMrkdwn(stripControl(state.notice))}`));
  blocks.push({
    type: 'input',
    block_id: QUERY_BLOCK,
    label: plain('在规划中搜索', 2000),
    element: {
      type: 'plain_text_input',
      action_id: QUERY_ACTION,
      max_length: QUERY_MAX,
      placeholder: plain('例如:应急管理、数据安全、数字乡村2025年目标', 150),
      ...(state.query ? { initial_value: clipText(state.query, QUERY_MAX) } : {}),
    },
  });
  if (state.reply) {
    const title = state.reply.title ? escapeMrkdwn(stripControl(state.reply.title)) : '';
    if (title) blocks.push(context(`*${title}*`));
    blocks.push(...answerBlocks(state.reply));
  }
  return {
    type: 'modal',
    callback_id: SEARCH_MODAL,
    title: plain('搜索规划', MODAL_LABEL),
    submit: plain('搜索', MODAL_LABEL),
    close: plain('关闭', MODAL_LABEL),
    // the query rides along, so that a 分享 press can say what the search was
    private_metadata: clipText(state.query ?? '', 1000),
    blocks: blocks.slice(0, MODAL_BLOCKS),
  };
}
