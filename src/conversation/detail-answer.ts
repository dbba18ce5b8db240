import { grammarWords, type DetailNeed } from '../intents/grammar-words.js';
import { cleanTopic } from '../intents/clean-topic.js';
import type { Knowledge } from '../knowledge.js';
import { clipText } from '../reply/clip.js';
import { finish } from '../reply/finish.js';
import { planTitle, searchAnswer, type Turn } from './answers.js';

/** What a passage must hold to answer each kind of detail, and how the reply names the detail when none does. */
function needs(k: Knowledge): Record<DetailNeed, { holds: RegExp | undefined; what: string }> {
  let n = byKnowledge.get(k);
  if (!n) {
    // a number, then its scale (万, 亿, 万亿), then a unit of amount-unit: 120个, 5万家, 10万亿元
    const escape = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const units = grammarWords(k).amountUnits.map(escape).join('|');
    const places = grammarWords(k).placeNames.map(escape).join('|');
    n = {
      date: { holds: /\d{1,2}月\d{1,2}日|\d{4}年\d{1,2}月/, what: '具体日期' },
      year: { holds: /20\d\d年/, what: '具体年份' },
      percent: { holds: PERCENT, what: '具体百分比' },
      // 要达到多少 is answered by a share as well as by a count (达到56%)
      amount: { holds: units ? new RegExp(`\\d+(?:\\.\\d+)?(?:万亿|万|亿|千|百)?(?:${units})|${PERCENT.source}`) : PERCENT, what: '具体数量' },
      place: { holds: places ? new RegExp(places) : undefined, what: '具体城市或地区' },
      never: { holds: undefined, what: '申报条件和材料、牵头和受理部门、截止时间、联系电话这类办理细节' },
    };
    byKnowledge.set(k, n);
  }
  return n;
}
const PERCENT = /\d+(?:\.\d+)?%|百分之[一二三四五六七八九十百\d]/;
const byKnowledge = new WeakMap<Knowledge, Record<DetailNeed, { holds: RegExp | undefined; what: string }>>();

/**
 * A question asking for a detail (a day, a percentage, how to apply): answered from the plan only where its first
 * page of passages holds such a detail; otherwise it says plainly that the plan does not give it, with the topic's
 * passages one tap away (a suggestion), rather than passages that look like an answer and are not one.
 */
export function detailAnswer(k: Knowledge, need: DetailNeed, query: string, extras: string[], about?: string): Turn {
  const turn = searchAnswer(k, query, extras, about);
  const { holds, what } = needs(k)[need];
  if (turn.reply.results.length === 0 || (holds && turn.reply.results.some((r) => holds.test(r.text)))) return turn;
  // what to offer instead: the plan's own words the best passage matched (数据安全 for 《数据安全法》哪一天施行)
  const matched = [...new Set(turn.reply.results[0]?.highlights ?? [])].filter((h) => /[\u3400-\u9fff]{2}/.test(h)).slice(0, 2).join(' ');
  const topic = matched || about || cleanTopic(query, k);
  const shown = clipText(topic || query, 30);
  const reply = finish(
    {
      intent: 'search',
      title: `规划里没有${what}`,
      results: [],
      ...(topic ? { actions: [{ type: 'suggest' as const, label: `看看「${shown}」相关内容`, value: topic }] } : {}),
    },
    `${planTitle(k)}(节选)没有写到「${clipText(query, 40)}」所问的${what}${need === 'never' ? ',请以主管部门发布的通知为准' : ''}。${topic ? `可以点"看看「${shown}」相关内容"查看规划怎么说。` : ''}`,
  );
  return { reply, ctx: null };
}
