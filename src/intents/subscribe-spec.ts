import type { Knowledge } from '../knowledge.js';
import { translateEnglish } from '../nlp/glossary.js';
import type { SubscribeSpec } from './intent.js';
import { cleanTopic } from './clean-topic.js';

/** HH:MM anywhere (not inside a longer number or a date) */
const TIME = /(?<![\d.\-/])([01]?\d|2[0-3])[:：]([0-5]\d)(?![\d.:\-/])/;
const WEEKDAYS = /(工作日|weekdays?)/;
/** tz Europe/Berlin, tz UTC+8, 时区 GMT-05:30; anything else after tz is taken whole, for the handler to refuse */
const TZ = /(?:\btz\b|时区)\s*((?:UTC|GMT)\s*[+-]?\s*\d{1,3}(?::?\d{2})?|[A-Za-z_]+(?:\/[A-Za-z_+-]+)*|\S+)/i;
/** 9pm, 9:30 am */
const AMPM = /(?<![\d.])(\d{1,2})(?:[:：](\d{2}))?\s*(am|pm)\b/i;
/** 9点, 下午3点半, 8点15分 */
const CLOCK = /(上午|早上|下午|晚上)?\s*(?<![\d.])(\d{1,2})\s*[点時时](半|(\d{1,2})\s*分?)?/;
/**
 * Something that looks like a time of day but is not a valid one (25:00, 9.30, -1:00), kept so the handler can
 * refuse it. Only taken after a time cue (每天, daily, at) or as a whole word: digits inside a topic are the topic's.
 */
const TIME_LIKE = /(?:^|\s|每天|每日|daily|at)\s*(-?\d{1,3}\s*[:：.]\s*\d{1,3})(?=\s|$)/i;
/** A topic written in quotes or brackets is taken as typed: no time, zone or weekday is read out of it. */
const QUOTED = /[{「『“"《【\[(（]([^}」』”"》】\])）]{1,80})[}」』”"》】\])）]/;

type TimeMatch = [whole: string, hour: string, minute: string];

/** "9pm", "9:30 am"; undefined when absent or out of range. */
function amPm(s: string): TimeMatch | undefined {
  const m = AMPM.exec(s);
  if (!m) return undefined;
  let hour = Number(m[1]);
  const minute = m[2] ? Number(m[2]) : 0;
  if (hour < 1 || hour > 12 || minute > 59) return undefined;
  if (m[3]!.toLowerCase() === 'pm' && hour < 12) hour += 12;
  if (m[3]!.toLowerCase() === 'am' && hour === 12) hour = 0;
  return [m[0], String(hour), String(minute).padStart(2, '0')];
}

/** "9点", "下午3点半", "8点15分"; undefined when absent or out of range. */
function clockTime(s: string): TimeMatch | undefined {
  const m = CLOCK.exec(s);
  if (!m) return undefined;
  let hour = Number(m[2]);
  const minute = m[3] === '半' ? 30 : m[4] ? Number(m[4]) : 0;
  if ((m[1] === '下午' || m[1] === '晚上') && hour < 12) hour += 12;
  if (hour > 23 || minute > 59) return undefined;
  return [m[0], String(hour), String(minute).padStart(2, '0')];
}

function colonTime(s: string): TimeMatch | undefined {
  const m = TIME.exec(s);
  return m ? [m[0], m[1]!, m[2]!] : undefined;
}

/** Read "订阅 [主题] [每天 HH:MM] [工作日] [tz Zone]" (or the English form) into its parts; the text has no chat markup left. */
export function parseSubscribeSpec(rest: string, k: Knowledge): SubscribeSpec {
  let s = ` ${rest} `;
  const spec: SubscribeSpec = {};
  let quoted: string | undefined;
  const q = QUOTED.exec(s);
  if (q) {
    quoted = q[1]!;
    s = s.replace(q[0], ' ');
  }
  const tz = TZ.exec(s);
  if (tz) {
    spec.tz = tz[1];
    s = s.replace(tz[0], ' ');
  }
  const tm = amPm(s) ?? colonTime(s) ?? clockTime(s);
  if (tm) {
    spec.time = `${tm[1].padStart(2, '0')}:${tm[2]}`;
    s = s.replace(tm[0], ' ');
  }
  // a second time, or one that is not a valid time of day, is passed on as typed for the handler to refuse
  const bad = TIME_LIKE.exec(s);
  if (bad) {
    const typed = bad[1]!.replace(/\s+/g, '');
    spec.time = tm ? `${spec.time} ${typed}` : typed;
    s = s.replace(bad[1]!, ' ');
  }
  const wd = WEEKDAYS.exec(s);
  if (wd) {
    spec.weekdays = true;
    s = s.replace(wd[0], ' ');
  }
  s = s.replace(/每天|每日/g, ' ').replace(/\b(daily|every day|at)\b/gi, ' ');
  if (quoted !== undefined) s = `${quoted} ${s}`;
  // an English topic is kept in the plan's words, so the digest finds it ("emergency management" → 应急管理)
  const en = translateEnglish(k.normalize(s), k.lexicon.glossary, k.lexicon.stopwords, k.lexicon.englishWords);
  const topic = cleanTopic(en.text, k);
  if (topic) spec.topic = topic;
  return spec;
}
