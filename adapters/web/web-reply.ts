import { highlightSegments, type Segment } from '../../src/reply/highlight-segments.js';
import { passageUrl } from '../../src/reply/passage-link.js';
import { viewReply } from '../../src/reply/reply-view.js';
import type { Action, Reply } from '../../src/reply/reply.js';

/** A button of the web chat: pressing it sends `value` as if it were typed. */
export interface WebButton {
  kind: Action['type'];
  label: string;
  value: string;
}

/** One card of the web chat: a cited passage with its place, its text cut at the highlighted words, and its page. */
export interface WebCard {
  n?: number;
  title: Segment[];
  path: string[];
  body: Segment[];
  note?: string;
  /** its reader page on this server (/p/<plan>/<local-id>) */
  url?: string;
  /** 展开 for this card, when the answer offers one per card */
  expand?: WebButton;
}

/**
 * The web chat's rendering of a Reply, as JSON for the page's script: text comes as plain strings and highlighted
 * segments, which the script puts into the page with textContent (never as HTML), so nothing in it can be markup.
 */
export interface WebReply {
  intent: string;
  title?: string;
  notice?: string;
  footer?: string;
  cards: WebCard[];
  /** 更多, 展开 … and the suggested next questions, in that order, none repeating another's value */
  buttons: WebButton[];
  /** the answer as plain text (for copying, and for screen readers) */
  text: string;
}

/** The button kinds the web chat offers: no 分享 (there is no channel) and no 订阅 (digests go to Slack or Teams). */
const WEB_ACTIONS: ReadonlySet<Action['type']> = new Set(['more', 'expand', 'suggest']);

/** Render a Reply for the web chat; `root` is where this server's reader pages are (the PUBLIC_URL path, or ''). */
export function renderWebReply(reply: Reply, root: string): WebReply {
  const v = viewReply(reply);
  const actions = (reply.actions ?? []).filter((a) => WEB_ACTIONS.has(a.type));
  const expands = actions.filter((a) => a.type === 'expand');
  const perCard = expands.length > 0 && expands.length === v.results.length;
  const own = actions.filter((a) => !(perCard && a.type === 'expand'));
  const taken = new Set(own.map((a) => a.value));
  const suggested = v.suggestions.filter((s) => !taken.has(s.value)).map((s): WebButton => ({ kind: 'suggest', label: s.label, value: s.value }));
  const button = (a: Action): WebButton => ({ kind: a.type, label: a.label, value: a.value });
  return {
    intent: reply.intent,
    ...(v.title ? { title: v.title } : {}),
    ...(v.notice ? { notice: v.notice } : {}),
    ...(v.footer ? { footer: v.footer } : {}),
    cards: v.results.map((r, i) => {
      const url = passageUrl(root, r.item.id);
      return {
        ...(r.n !== undefined ? { n: r.n } : {}),
        title: highlightSegments(r.title, r.highlights),
        path: [...r.path],
        body: highlightSegments(r.body, r.highlights),
        ...(r.note ? { note: r.note } : {}),
        ...(url ? { url } : {}),
        ...(perCard ? { expand: button(expands[i]!) } : {}),
      };
    }),
    buttons: [...own.map(button), ...suggested],
    text: reply.text,
  };
}
