import { z } from 'zod';
import { snippet } from '../../src/reply/clip.js';
import { renderPlainText } from '../../src/reply/render-text.js';
import type { Reply } from '../../src/reply/reply.js';
import { LIMITS } from './block-limits.js';
import { parseJson } from './safe-json.js';

/** A reader-page URL a shared copy keeps: http(s), with nothing that could end or open a mrkdwn link. */
const LINKABLE = /^https?:\/\/[^\s<>|]+$/;

/**
 * What the 分享到频道 button carries. An ephemeral answer is not part of the block_actions payload Slack
 * sends when its button is pressed, so the button's value holds a compact copy of what was shown.
 */
const Snapshot = z.object({
  v: z.literal(1),
  t: z.string().max(300).optional(),
  s: z.number().int().positive().optional(),
  r: z
    .array(
      z.object({
        t: z.string().max(1000),
        p: z.array(z.string().max(300)).max(12),
        x: z.string().max(2000),
        h: z.array(z.string().max(100)).max(20).optional(),
        n: z.string().max(200).optional(),
        /** the number it was shown with */
        d: z.number().int().positive().optional(),
        /** its reader page (ResultItem.url): only an http(s) URL with nothing that could break a mrkdwn link */
        u: z.string().max(500).regex(LINKABLE).optional(),
      }),
    )
    .max(25),
});
type Snapshot = z.infer<typeof Snapshot>;

/**
 * Longest passage text kept in a snapshot, tried in turn until the value fits Slack's button value limit: a list
 * is shared as the plain-text list shows it (a snippet of each passage), a single passage as whole as fits.
 */
const SINGLE_BUDGETS = [Infinity, 1200, 600, 300, 0];
const LIST_BUDGETS = [120, 60, 0];

function snapshotOf(reply: Reply, textBudget: number, results: number): Snapshot {
  return {
    v: 1,
    ...(reply.title ? { t: reply.title.slice(0, 300) } : {}),
    ...(reply.start ? { s: reply.start } : {}),
    r: reply.results.slice(0, results).map((item) => ({
      t: item.title.slice(0, 1000),
      p: item.path.slice(0, 12).map((x) => x.slice(0, 300)),
      x: textBudget === Infinity ? item.text.slice(0, 2000) : textBudget === 0 ? '' : snippet(item, textBudget),
      ...(item.highlights?.length ? { h: item.highlights.slice(0, 20).map((w) => w.slice(0, 100)) } : {}),
      ...(item.note ? { n: item.note.slice(0, 200) } : {}),
      ...(item.n !== undefined ? { d: item.n } : {}),
      ...(item.url && item.url.length <= 500 && LINKABLE.test(item.url) ? { u: item.url } : {}),
    })),
  };
}

/** Encode the answer a share button sits on into a button value of at most 2,000 characters (its hint line, which speaks to the asker, is left out). */
export function encodeShare(reply: Reply): string {
  const max = Math.min(reply.results.length, 25);
  for (let results = max; results >= 0; results--) {
    for (const budget of reply.results.length === 1 ? SINGLE_BUDGETS : LIST_BUDGETS) {
      const value = JSON.stringify(snapshotOf(reply, budget, results));
      if (value.length <= LIMITS.buttonValue) return value;
    }
  }
  return JSON.stringify({ v: 1, r: [] });
}

/** Decode a share button's value back into a Reply to post in the channel; null when it is not a valid snapshot. */
export function decodeShare(value: string): Reply | null {
  const raw = parseJson(value);
  if (!raw.ok) return null;
  const r = Snapshot.safeParse(raw.value);
  if (!r.success) return null;
  const s = r.data;
  const base: Omit<Reply, 'text'> = {
    intent: 'share',
    ...(s.t ? { title: s.t } : {}),
    ...(s.s ? { start: s.s } : {}),
    results: s.r.map((x, i) => ({
      id: `shared-${i}`,
      kind: 'paragraph' as const,
      title: x.t,
      text: x.x,
      path: x.p,
      ...(x.h ? { highlights: x.h } : {}),
      ...(x.n ? { note: x.n } : {}),
      ...(x.d !== undefined ? { n: x.d } : {}),
      ...(x.u ? { url: x.u } : {}),
    })),
  };
  return { ...base, text: renderPlainText(base, { full: base.results.length === 1 }) };
}
