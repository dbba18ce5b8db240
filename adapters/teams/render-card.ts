import { viewReply, type ResultView } from '../../src/reply/reply-view.js';
import type { Action, Reply } from '../../src/reply/reply.js';
import { SubmitData } from './activity.js';
import { escapeCardLine, escapeCardText, highlightCardText } from './card-text.js';
import { packCards, splitText, type CardJson } from './card-size.js';

/** Teams shows at most six buttons in a row of card actions. */
const MAX_ACTIONS = 6;

/** The button kinds a Teams card offers; 分享 is left out because a Teams answer is already in the conversation. */
const CARD_ACTIONS: ReadonlySet<Action['type']> = new Set(['more', 'expand', 'subscribe', 'suggest']);

/** An Action.Submit whose data comes back as activity.value and is read as the message `value`. */
export function submitAction(a: Action): CardJson {
  const data: SubmitData = { planBot: 1, text: a.value };
  return { type: 'Action.Submit', title: a.label, data };
}

function textBlock(text: string, extra: CardJson = {}): CardJson {
  return { type: 'TextBlock', text, wrap: true, ...extra };
}

/**
 * A Markdown link to a result's reader page, `[查看原文](url)`: the URL is built from PUBLIC_URL and a stable id, and
 * any character that could end the link target early (parentheses, spaces, angle brackets) is %-encoded.
 */
function sourceLink(url: string): string {
  return `[查看原文](${url.replace(/[()<>\s\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)})`;
}

/** The elements of one passage (or one part of an over-long passage): number and title, breadcrumb, text, note, 展开. */
function resultBlocks(r: ResultView, expand: Action | undefined): CardJson[][] {
  const parts = r.body ? splitText(r.body) : [''];
  return parts.map((part, i) => {
    const items: CardJson[] = [];
    const num = r.n !== undefined ? `${r.n}\\. ` : '';
    const cont = parts.length > 1 ? `(${i + 1}/${parts.length})` : '';
    items.push(textBlock(`${num}${highlightCardText(r.title, r.highlights, true)}${cont}`, { weight: 'Bolder' }));
    const place = [r.path.length ? escapeCardLine(r.path.join(' › ')) : '', r.item.url ? sourceLink(r.item.url) : ''].filter(Boolean).join(' · ');
    if (i === 0 && place) items.push(textBlock(place, { isSubtle: true, size: 'Small', spacing: 'None' }));
    if (part) items.push(textBlock(highlightCardText(part, r.highlights), { spacing: 'Small' }));
    if (i === parts.length - 1 && r.note) items.push(textBlock(escapeCardLine(`(${r.note})`), { isSubtle: true, size: 'Small' }));
    if (i === parts.length - 1 && expand) items.push({ type: 'ActionSet', actions: [submitAction(expand)] });
    return [{ type: 'Container', separator: true, spacing: 'Medium', items }];
  });
}

/**
 * Render a Reply as one or more Adaptive Cards (v1.5): title, passages with breadcrumbs and highlighted
 * terms in bold, the footer, and Action.Submit buttons (更多, 展开, 订阅此主题, suggestions).
 * Text is escaped; a long answer is split into several cards, each within Teams' size limit.
 */
export function renderCards(reply: Reply, opts: { heading?: string } = {}): CardJson[] {
  const v = viewReply(reply);
  const actions = (reply.actions ?? []).filter((a) => CARD_ACTIONS.has(a.type));
  const expands = actions.filter((a) => a.type === 'expand');
  const perItem = expands.length === v.results.length;
  const own = actions.filter((a) => !(perItem && a.type === 'expand'));
  // the suggested next questions as buttons too (a press is the suggestion typed), leaving out what a button already says
  const taken = new Set(own.map((a) => a.value));
  const suggested = v.suggestions.filter((x) => !taken.has(x.value)).map((x): Action => ({ type: 'suggest', label: x.label, value: x.value }));
  const cardActions = [...own, ...suggested].slice(0, MAX_ACTIONS).map(submitAction);
  const title = v.title ?? opts.heading;
  const header: CardJson[] = [];
  if (opts.heading && v.title) header.push(textBlock(escapeCardLine(opts.heading), { size: 'Large', weight: 'Bolder' }));
  if (title) header.push(textBlock(escapeCardLine(title), { size: 'Medium', weight: 'Bolder' }));
  if (v.notice) header.push(textBlock(escapeCardLine(v.notice), { color: 'Warning', size: 'Small', spacing: 'Small' }));
  const blocks = v.results.flatMap((r, i) => resultBlocks(r, perItem ? expands[i] : undefined));
  const footer = v.footer ? [textBlock(escapeCardText(v.footer), { isSubtle: v.results.length > 0, spacing: 'Medium' })] : [];
  const continued = title ? [textBlock(escapeCardLine(`${title}(续)`), { weight: 'Bolder' })] : [];
  return packCards({ header, blocks, footer, actions: cardActions, continued });
}
