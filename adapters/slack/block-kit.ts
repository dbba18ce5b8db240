import { clipText } from '../../src/reply/clip.js';
import { SUGGESTIONS_LEAD, viewReply, type ReplyView, type ResultView } from '../../src/reply/reply-view.js';
import type { Action, Reply } from '../../src/reply/reply.js';
import { clipEscaped, LIMITS, splitRendered } from './block-limits.js';
import type { Block, ButtonElement, Mrkdwn, SlackMessage } from './block-types.js';
import { escapeMrkdwn, mrkdwnWithBold, stripControl } from './mrkdwn.js';
import { encodeShare } from './share-snapshot.js';

export type { Block, SlackMessage } from './block-types.js';

/** Longest passage text shown per result when an answer lists several, around the matched words (展开 shows it whole). */
const LIST_TEXT = 300;

/** Every plan-bot button's action_id starts with this, so the app can route presses to one listener. */
export const ACTION_PREFIX = 'plan.';

export interface BlockKitOptions {
  /** offer 分享到频道 (only where the channel cannot see the answer yet: ephemeral slash answers) */
  share?: boolean;
  /** false: no buttons at all (a copy shared to the channel, a digest) */
  buttons?: boolean;
  /** a last context line in mrkdwn, already safe (e.g. "<@U123> 分享了这条回答") */
  byline?: string;
}

const ZWSP = '\u200B';

function mrkdwn(text: string): Mrkdwn {
  return { type: 'mrkdwn', text, verbatim: true };
}

function context(text: string): Block {
  return { type: 'context', elements: [mrkdwn(clipEscaped(text, LIMITS.contextText))] };
}

function bold(s: string): string {
  return `${ZWSP}*${escapeMrkdwn(stripControl(s).replace(/\*/g, '∗'))}*${ZWSP}`;
}

/** Longest title shown for one result (titles are short headings; this only guards odd content). */
const TITLE_MAX = 300;

/**
 * A result's title in bold; with a reader page, the title is a mrkdwn link `<url|title>` to it. The label is escaped
 * like any text, and the URL (built from PUBLIC_URL and a stable id) has `&` escaped and `|`, `<`, `>` %-encoded, so
 * it can neither end the link early nor open another.
 */
function titleLine(r: ResultView): string {
  const text = clipText(`${r.n !== undefined ? `${r.n}. ` : ''}${r.title}`, TITLE_MAX);
  if (!r.item.url) return bold(text);
  const url = r.item.url.replace(/[|<>\s]/g, (c) => encodeURIComponent(c)).replace(/&/g, '&amp;');
  return `${ZWSP}*<${url}|${escapeMrkdwn(stripControl(text).replace(/\*/g, '∗'))}>*${ZWSP}`;
}

/** The blocks of one result: sections holding its text (split to fit), then its breadcrumb. */
function resultBlocks(r: ResultView): Block[] {
  const head = titleLine(r);
  const note = r.note ? `_(${escapeMrkdwn(clipText(stripControl(r.note), TITLE_MAX))})_` : '';
  // every piece leaves room for the title before it and the note after it
  const room = LIMITS.sectionText - head.length - note.length - 2;
  const pieces = r.body ? splitRendered(r.body, (s) => mrkdwnWithBold(s, r.highlights), room) : [''];
  const texts = pieces.map((p, i) => [i === 0 ? head : '', p, i === pieces.length - 1 ? note : ''].filter(Boolean).join('\n'));
  const blocks: Block[] = texts.map((t) => ({ type: 'section', text: mrkdwn(clipEscaped(t, LIMITS.sectionText)) }));
  if (r.path.length) blocks.push(context(escapeMrkdwn(stripControl(r.path.join(' › ')))));
  return blocks;
}

function button(action: Action, index: number, value: string): ButtonElement {
  return {
    type: 'button',
    action_id: `${ACTION_PREFIX}${action.type}.${index}`.slice(0, LIMITS.actionId),
    text: { type: 'plain_text', text: clipText(stripControl(action.label), LIMITS.buttonText), emoji: true },
    value: clipText(value, LIMITS.buttonValue),
    ...(action.type === 'more' ? { style: 'primary' as const } : {}),
  };
}

/** The action_id kind of a suggested next question's button (plan.next.N); a press is the suggestion typed. */
export const SUGGESTION_ACTION = 'next';

/** The suggested next questions as buttons, leaving out any that repeat a button the answer has (更多). */
function suggestionButtons(reply: Reply, v: ReplyView): ButtonElement[] {
  const taken = new Set((reply.actions ?? []).map((a) => a.value));
  return v.suggestions
    .filter((s) => !taken.has(s.value))
    .map((s, i) => ({
      type: 'button' as const,
      action_id: `${ACTION_PREFIX}${SUGGESTION_ACTION}.${i}`,
      text: { type: 'plain_text' as const, text: clipText(stripControl(s.label), LIMITS.buttonText), emoji: true },
      value: clipText(s.value, LIMITS.buttonValue),
    }));
}

function actionBlocks(reply: Reply, v: ReplyView, opts: BlockKitOptions): Block[] {
  if (opts.buttons === false) return [];
  const chosen = (reply.actions ?? []).filter((a) => a.type !== 'share' || opts.share);
  const elements = chosen.map((a, i) => button(a, i, a.type === 'share' ? encodeShare(reply) : a.value));
  const blocks: Block[] = [];
  for (let i = 0; i < elements.length; i += LIMITS.actionsElements) {
    blocks.push({ type: 'actions', elements: elements.slice(i, i + LIMITS.actionsElements) });
  }
  // the next questions get a row of their own, under a line saying what they are
  const next = suggestionButtons(reply, v);
  if (next.length) blocks.push(context(escapeMrkdwn(SUGGESTIONS_LEAD)), { type: 'actions', elements: next });
  return blocks;
}

/** Longest passage text in the fallback of a one-passage answer. */
const FALLBACK_PASSAGE = 300;

/**
 * The plain `text` beside the blocks, which Slack shows in notifications and where blocks cannot be shown: the
 * answer in brief (title, the numbered result titles, the closing line), not a second copy of every passage.
 */
function fallbackText(reply: Reply, v: ReplyView): string {
  if (v.results.length === 0) return reply.text;
  const lines = [v.title, v.notice && `(${v.notice})`];
  const only = v.results.length === 1 ? v.results[0]! : undefined;
  if (only) lines.push(only.title === v.title ? '' : only.title, clipText(only.item.text, FALLBACK_PASSAGE));
  else lines.push(...v.results.map((r) => `${r.n ? `${r.n}.` : '·'} ${r.title}`));
  lines.push(v.footer);
  return lines.filter(Boolean).join('\n');
}

/**
 * Render a Reply as a Slack message: header, notice, the passages with matched terms in bold, each with its
 * breadcrumb, the closing line, the buttons and the suggested next questions (buttons too). Always within Block Kit's limits (50 blocks, 3,000 characters
 * per section, 150 per header) and always with a plain `text` fallback: a long answer is split or clipped.
 */
export function renderBlockKit(reply: Reply, opts: BlockKitOptions = {}): SlackMessage {
  const v = viewReply(reply, { snippet: LIST_TEXT });
  const top: Block[] = [];
  if (v.title) top.push({ type: 'header', text: { type: 'plain_text', text: clipEscaped(escapeMrkdwn(stripControl(v.title)), LIMITS.headerText), emoji: false } });
  if (v.notice) top.push(context(`:warning: ${escapeMrkdwn(stripControl(v.notice))}`));
  const bottom: Block[] = [];
  if (v.footer) {
    const footer = escapeMrkdwn(stripControl(v.footer));
    bottom.push(v.results.length ? context(footer) : { type: 'section', text: mrkdwn(clipEscaped(footer, LIMITS.sectionText)) });
  }
  if (opts.byline) bottom.push(context(opts.byline));
  const actions = actionBlocks(reply, v, opts);
  // one block is kept for the "N more not shown" line
  let room = LIMITS.blocks - top.length - bottom.length - actions.length - 1;
  const body: Block[] = [];
  let shown = 0;
  let cut = false;
  for (const r of v.results) {
    const blocks = resultBlocks(r);
    if (blocks.length > room) {
      // the first result is always shown, cut to the room there is; later ones are left for 第N条
      if (shown === 0) {
        body.push(...blocks.slice(0, Math.max(1, room)));
        shown = 1;
        cut = true;
      }
      break;
    }
    body.push(...blocks);
    room -= blocks.length;
    shown += 1;
  }
  const left = v.results.length - shown;
  const more = left > 0 ? `还有 ${left} 条未显示;回复"第N条"查看其中一条。` : '';
  if (cut || more) body.push(context(cut ? `正文较长,这里只显示了前面部分。${more}` : more));
  const text = clipEscaped(escapeMrkdwn(stripControl(fallbackText(reply, v))), LIMITS.fallbackText) || ' ';
  const blocks = [...top, ...body, ...bottom, ...actions];
  // only reachable with an absurd number of buttons: keep the buttons, drop body blocks
  if (blocks.length > LIMITS.blocks) blocks.splice(LIMITS.blocks - actions.length - bottom.length, blocks.length - LIMITS.blocks);
  return { text, blocks };
}
