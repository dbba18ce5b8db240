import type { Passage } from '../content/plan-schema.js';
import { renderPlainText } from '../reply/render-text.js';
import type { Knowledge } from '../knowledge.js';
import { toResult, type Reply, type ResultItem } from '../reply/reply.js';
import type { DigestCursor } from '../store/subscription.js';
import { contentChanges, type ContentChanges } from './content-changes.js';
import { countdownLines, targetYears } from './countdown.js';
import { digestScope } from './digest-scope.js';
import { nextUnit, unitForDate, type DigestUnit } from './digest-units.js';

/** How many new or changed passages a digest shows in full; the rest are counted. */
const MAX_CHANGES_SHOWN = 3;

/** A digest ready to post, and the cursor to store once it has been posted. */
export interface ComposedDigest {
  reply: Reply;
  cursor: DigestCursor;
}

function planLabel(k: Knowledge, unit: DigestUnit): string {
  const ids = unit.length ? [...new Set(unit.map((p) => p.planId))] : k.library.plans.map((p) => p.meta.id);
  const plans = k.library.plans.filter((p) => ids.includes(p.meta.id));
  return plans.map((p) => p.meta.shortTitle ?? p.meta.title).join('、');
}

function highlightsFor(p: Passage, topic: string): string[] | undefined {
  return topic && (p.text.includes(topic) || p.title.includes(topic)) ? [topic] : undefined;
}

/** The Reply of a digest: the day's passages, then what changed, with the countdown and how to stop in the footer. */
function digestReply(k: Knowledge, topic: string, date: string, unit: DigestUnit, changes: ContentChanges): Reply {
  const results: ResultItem[] = unit.map((p) => toResult(p, highlightsFor(p, topic)));
  const shownIds = new Set(unit.map((p) => p.id));
  const changed = [
    ...changes.added.map((p) => ({ p, note: '自上次摘要以来新增' })),
    ...changes.changed.map((p) => ({ p, note: '自上次摘要以来有修改' })),
  ].filter((c) => !shownIds.has(c.p.id));
  for (const c of changed.slice(0, MAX_CHANGES_SHOWN)) results.push({ ...toResult(c.p, highlightsFor(c.p, topic)), note: c.note });
  const planIds = unit.length ? [...new Set(unit.map((p) => p.planId))] : k.library.plans.map((p) => p.meta.id);
  const footer = [
    ...countdownLines(targetYears(k, planIds), date),
    ...(changed.length > MAX_CHANGES_SHOWN ? [`另有 ${changed.length - MAX_CHANGES_SHOWN} 段自上次摘要以来新增或修改。`] : []),
    ...(unit.length === 0 ? [`规划中暂时没有与「${topic}」相关的段落。`] : []),
    `回复"取消订阅${topic ? ` ${topic}` : ''}"停止接收。`,
  ].join('\n');
  const body: Omit<Reply, 'text'> = {
    intent: 'digest',
    title: `每日规划摘要 · ${topic || planLabel(k, unit)} · ${date}`,
    results,
    start: 1,
    footer,
    ...(topic ? { actions: [{ type: 'suggest' as const, label: `查看「${topic}」全部段落`, value: topic }] } : {}),
  };
  return { ...body, text: renderPlainText(body, { full: true }) };
}

/** The digest a subscription gets on a date: the next passages of its rotation (from the cursor) and what changed since the last one. */
export function composeDigest(k: Knowledge, topic: string, date: string, cursor: DigestCursor | null): ComposedDigest {
  const scope = digestScope(k, topic);
  const { unit, sent } = nextUnit(scope.units, cursor?.sent ?? []);
  const changes = contentChanges(cursor?.seen, scope.passages, scope.snapshot);
  return { reply: digestReply(k, topic, date, unit, changes), cursor: { sent, lastDate: date, seen: scope.snapshot } };
}

/** A stateless digest for a date (plan-bot digest preview): the rotation position is derived from the date alone. */
export function previewDigest(k: Knowledge, topic: string, date: string): Reply {
  const unit = unitForDate(digestScope(k, topic).units, date);
  return digestReply(k, topic, date, unit, { added: [], changed: [] });
}
