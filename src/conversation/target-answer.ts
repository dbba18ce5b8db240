import type { Passage } from '../content/plan-schema.js';
import type { Knowledge } from '../knowledge.js';
import { clipText } from '../reply/clip.js';
import { toResult } from '../reply/reply.js';
import { hitResults, listTurn, noMatch, PAGE_SIZE, type Turn } from './answers.js';
import { namesTopic } from './names-topic.js';

/** Reorder a 行动目标 so the year asked for comes first. */
export function targetText(p: Passage, year?: number): string {
  if (!p.years || !year || !p.years[String(year)]) return p.text;
  const first = `到${year}年,${p.years[String(year)]}`;
  const rest = Object.entries(p.years)
    .filter(([y]) => y !== String(year))
    .map(([y, g]) => `到${y}年,${g}`);
  return [first, ...rest].join('\n');
}

/** Whether a passage is one of the plan's goals (under 发展目标 or another heading of goals). */
function isGoal(p: Passage): boolean {
  return p.path.some((h) => /目标/.test(h));
}

/** A passage's title and text as the matcher normalises them, without spaces (worked out once per passage). */
const written = new WeakMap<Passage, string>();
function writtenText(k: Knowledge, p: Passage): string {
  let w = written.get(p);
  if (w === undefined) written.set(p, (w = k.normalize(`${p.title}${p.text}`).replace(/\s+/g, '')));
  return w;
}

/** The goals of a topic: its 行动目标 (the year asked for first), else the 发展目标 paragraphs that speak of it. */
export function targetAnswer(k: Knowledge, topic: string | undefined, year: number | undefined, extras: string[] = []): Turn {
  const ctxBase = { intent: 'target', topic, extras, ...(year ? { year } : {}) };
  if (!topic) {
    const goals = k.library.allNodes().find((n) => /目标/.test(n.title));
    const targets = k.library.passages.filter((p) => p.kind === 'target');
    const items = [
      // the plan's own 发展目标 (the overall one first, then its parts), then each action's 行动目标
      ...(goals ? k.library.passagesUnder(goals).map((p) => toResult(p)) : []),
      ...targets.map((p) => toResult(p, year ? [`${year}年`] : undefined, targetText(p, year))),
    ];
    return listTurn(k, 'target', year ? `${year}年的目标` : '规划目标', items, { ...ctxBase, topic: undefined });
  }
  // a goal counts only when it names the topic itself (in some wording), not when it merely shares a word with it
  const res = k.matcher.search(topic, { extras, filter: (p) => p.kind === 'target' && namesTopic(k, p, topic), highlight: PAGE_SIZE });
  let goalsHits: ReturnType<typeof k.matcher.search> | undefined;
  const goals = () => (goalsHits ??= k.matcher.search(topic, { extras, filter: (p) => isGoal(p) && namesTopic(k, p, topic), highlight: PAGE_SIZE }));
  // the plan's 发展目标 write the topic as asked (数字基础设施体系更加完备) where the best 行动目标 only shares its words
  // (数字普惠金融's 基础设施服务体系): the development goals answer it, the action targets after them
  const asTyped = k.normalize(topic).replace(/\s+/g, '');
  const writes = (p: Passage) => asTyped.length >= 3 && writtenText(k, p).includes(asTyped);
  if (!res.noMatch && !writes(res.hits[0]!.passage) && !goals().noMatch && writes(goals().hits[0]!.passage)) {
    const inGoals = goals();
    const targets = res.hits.map((h) => toResult(h.passage, [...h.highlights, ...(year ? [`${year}年`] : [])], targetText(h.passage, year)));
    return listTurn(k, 'target', `${topic} 的发展目标`, [...hitResults(inGoals.hits), ...targets], ctxBase);
  }
  if (!res.noMatch) {
    const items = res.hits.map((h) => toResult(h.passage, [...h.highlights, ...(year ? [`${year}年`] : [])], targetText(h.passage, year)));
    const missingYear = year && !res.hits[0]!.passage.years?.[String(year)];
    const notice = missingYear ? `行动目标只列出了 ${Object.keys(res.hits[0]!.passage.years ?? {}).join('、')} 年` : undefined;
    return listTurn(k, 'target', `${topic} 的行动目标`, items, ctxBase, notice);
  }
  const inGoals = goals();
  if (!inGoals.noMatch) return listTurn(k, 'target', `${topic} 的发展目标`, hitResults(inGoals.hits), ctxBase);
  const any = k.matcher.search(topic, { extras, highlight: PAGE_SIZE });
  if (any.noMatch) return noMatch(k, topic, 'target');
  // a long question may not name its goal word for word, yet still find it first: then it is no "there is none"
  const first = any.hits[0]!.passage;
  if (first.kind === 'target' || isGoal(first)) return listTurn(k, 'target', `${topic} 的相关目标`, hitResults(any.hits), ctxBase);
  // the topic is one task of an action (智慧农业 in 数字乡村发展行动): that action's goals are the topic's, first
  const own = actionTarget(k, first);
  if (own) {
    const action = own.path[own.path.length - 1]!.replace(/^[(（][一二三四五六七八九十]+[)）]/, '');
    const items = [toResult(own, year ? [`${year}年`] : undefined, targetText(own, year)), ...hitResults(any.hits.filter((h) => h.passage.id !== own.id))];
    return listTurn(k, 'target', `${topic} 的行动目标`, items, ctxBase, `「${clipText(topic, 20)}」是「${action}」的一项任务,以下先列该行动的目标`);
  }
  return listTurn(k, 'target', topic, hitResults(any.hits), ctxBase, `节选中没有「${clipText(topic, 20)}」的行动目标,以下是相关段落`);
}

/** The 行动目标 of the action a passage belongs to (the target under the same heading), if it has one. */
function actionTarget(k: Knowledge, p: Passage): Passage | undefined {
  const at = p.path.join('\u0000');
  return k.library.passages.find((t) => t.kind === 'target' && t !== p && t.path.join('\u0000') === at);
}
