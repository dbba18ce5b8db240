import { elementById, elementId, siblingsOf } from '../content/plan-tree.js';
import type { Knowledge } from '../knowledge.js';
import { translateEnglish } from '../nlp/glossary.js';
import { stripChatMarkup } from '../nlp/chat-markup.js';
import { toHalfWidth } from '../nlp/normalize.js';
import type { Intent } from './intent.js';
import { askingClause, clauseTopic } from './asking-clause.js';
import { cleanTopic } from './clean-topic.js';
import { grammarWords } from './grammar-words.js';
import { parseFollowUp } from './follow-up-ref.js';
import { parseStructureRef } from './structure-ref.js';
import { parseSubscribeSpec } from './subscribe-spec.js';

export { cleanTopic };

/** Longest question we try to answer; longer text gets a clear refusal instead of a slow, useless search. */
export const MAX_QUESTION_CHARS = 500;

const UNSUBSCRIBE = /^(取消订阅|退订|unsubscribe)(?:\s+|$)(.*)$/;
const SUBSCRIBE = /^(订阅|subscribe)(?:\s+|$)(.*)$/;
/** A button's stable reference to one result: "open planId:box14.i2". */
const OPEN = /^open\s+([a-z0-9-]+:[a-z0-9.]+)$/;
const BOXES = /(重点工程|重大工程|相关专栏|哪些专栏|什么专栏|专栏有哪些|所有专栏|专栏列表|^专栏$|key projects?|major projects?)/;
/** every box word of a question (重点工程专栏 has two), removed to leave its topic */
const ALL_BOXES = new RegExp(BOXES.source, 'g');
const SWITCH = /^(?:那么|那个|那|and|what about|how about)\s*(.+?)\s*(?:呢|怎么样|如何)?$|^(.+?)\s*呢$/;
const TARGET = /(行动目标|发展目标|目标|要?(?:实现|达到|做到)什么(?:样的?)?(?:效果|水平|水准|程度|成效)?|要?(?:发展|建设|建|变)成(?:什么样子?|啥样|什么程度)|goals?|targets?|objectives?)/;
/** with a year (2025年), asking how things will be is asking for its goal (到2025年数字乡村会是什么样); not 有什么样的政策 */
const YEAR_STATE = /(?:会|将|要|能)(?:是|变成|达到|发展成|发展到|推进到|建成|建设成|做到)?(?:什么样子?|啥样|什么程度)|(?:是|变成|到)(?:什么样子?|啥样|什么程度)/;
/** a year as a year (2025年), not an amount (2000万) */
const YEAR_NAMED = /20\d\d\s*年/;
/** every goal word of a question (要达到什么目标 has two), removed to leave its topic */
const TARGETS = new RegExp(TARGET.source, 'g');
/**
 * "(五)", the plan's own label of a section, typed as a reference (第四部分(五)是哪一节): read as 第五节, which
 * normalisation keeps (it drops the brackets). Not before a title (（五）数字乡村发展行动 is that heading's name).
 */
const SECTION_LABEL = /[(（]([一二三四五六七八九十]{1,3})[)）](?=$|[\s,，。?？!！、]|[是讲说的呢吗里中这那有下])/g;
const YEAR = /(20\d\d)\s*(?:年)?(?:的?时候)?/;
const YEAR_STATES = new RegExp(YEAR_STATE.source, 'g');
/** a follow-up naming only a year (2023年呢) */
const ONLY_YEAR = /^(20\d\d)\s*年?(?:的)?$/;

/** Remove what people type around a command in chat (kept under this name for callers; the rules live in nlp/chat-markup). */
export function stripChatNoise(text: string): string {
  return stripChatMarkup(text);
}

/** Whether a goals question's subject is only words for the plan as a whole (总体上, 国家信息化, 十四五). */
function isOverall(topic: string, k: Knowledge): boolean {
  const overall = grammarWords(k).overall;
  const compact = topic.replace(/\s+/g, '');
  if (overall.has(compact)) return true;
  const words = k.cut(compact);
  return words.length > 0 && words.every((w) => overall.has(w));
}

/**
 * 那里面讲乡村治理的内容呢 / 这部分里关于数据安全的 / anything on X in there: the topic asked about inside what the
 * conversation just showed; undefined unless the message opens (or, in English, ends) with a scope-in word.
 */
function withinTopic(bare: string, k: Knowledge): string | undefined {
  const g = grammarWords(k);
  const text = bare.replace(/^(?:那么|那)(?=[这那里其在])/, '');
  const marker = g.scopeIn.find((w) => text.startsWith(w) || (/^[a-z]/.test(w) && text.endsWith(` ${w}`)));
  if (!marker) return undefined;
  const rest = text.startsWith(marker) ? text.slice(marker.length) : text.slice(0, -marker.length - 1);
  // 里面第三项是什么, 其中有几个专栏: a reference into what was shown, not a topic within it
  if (/第|最后|倒数|上一|下一|几个|几项|多少|哪几/.test(rest) || parseStructureRef(rest, k)) return undefined;
  const en = translateEnglish(rest, k.lexicon.glossary, k.lexicon.stopwords, k.lexicon.englishWords);
  const topic = cleanTopic(en.text.replace(/^(?:anything|something|what|is there anything)\s+(?:on|about)\s+/, ''), k);
  return topic || undefined;
}

/** Parse one chat message into an intent; context-dependent ones (more, expand, switch, topic-less targets) are resolved later. */
export function parseIntent(rawText: string, k: Knowledge): Intent {
  if (rawText.length > MAX_QUESTION_CHARS * 4) {
    return { type: 'invalid', reason: 'too-long', detail: `${rawText.length}` };
  }
  const stripped = stripChatNoise(rawText).replace(SECTION_LABEL, '第$1节');
  if (stripped.length > MAX_QUESTION_CHARS) return { type: 'invalid', reason: 'too-long', detail: `${stripped.length}` };
  if (stripped === '') return { type: 'help' };
  // light form keeps punctuation (for times like 09:00 and zones like Europe/Berlin); full form is what the matcher sees
  const light = toHalfWidth(stripped).replace(/\s+/g, ' ').trim();
  const lightLower = light.toLowerCase();
  const full = k.normalize(stripped);
  const bare = full.replace(/\s+/g, ' ');

  const open = OPEN.exec(light);
  if (open) return { type: 'open', id: open[1]! };
  const commands = grammarWords(k).commands;
  if (commands.help.has(bare) || commands.help.has(lightLower)) return { type: 'help' };
  if (commands.reset.has(bare)) return { type: 'reset' };
  if (commands.outline.has(bare)) return { type: 'outline' };
  if (commands.subscriptions.has(bare)) return { type: 'subscriptions' };
  if (commands.status.has(bare) || commands.status.has(lightLower)) return { type: 'status' };
  const un = UNSUBSCRIBE.exec(lightLower);
  if (un) return { type: 'unsubscribe', topic: cleanTopic(un[2] ?? '', k) || undefined };
  const sub = SUBSCRIBE.exec(light) ?? SUBSCRIBE.exec(lightLower);
  if (sub) return { type: 'subscribe', spec: parseSubscribeSpec(sub[2] ?? '', k) };
  if (commands.more.has(bare)) return { type: 'more' };
  if (commands.source.has(bare)) return { type: 'source' };

  const beside = relativeHeading(bare, k);
  if (beside) return { type: 'heading', nodeId: beside };
  const inside = withinTopic(bare, k);
  if (inside) return { type: 'within', topic: inside };
  const ref = parseFollowUp(full, k, (t) => parseIntent(t, k)) ?? parseStructureRef(full, k);
  if (ref) return ref;

  // "what about elderly care?" carries the last question over to a new topic; the glossary would drop "what about"
  const enSwitch = /^(?:and|what about|how about)\s+(.+)$/.exec(bare);
  if (enSwitch) {
    const year = /^(?:in |for |by )?(20\d\d)\??$/.exec(enSwitch[1]!.trim());
    if (year) return { type: 'target', year: Number(year[1]), extras: [] };
    const t = translateEnglish(enSwitch[1]!, k.lexicon.glossary, k.lexicon.stopwords, k.lexicon.englishWords);
    const topic = cleanTopic(t.text, k);
    if (topic) return { type: 'switch', topic, extras: t.extras };
  }
  const en = translateEnglish(full, k.lexicon.glossary, k.lexicon.stopwords, k.lexicon.englishWords);
  const text = en.text;

  const heading = findHeading(text, k);
  if (heading) return { type: 'heading', nodeId: heading };

  if (BOXES.test(text)) {
    const boxTopic = (t: string) => cleanTopic(t.replace(ALL_BOXES, ' ').replace(/专栏/g, ' '), k);
    const topic = boxTopic((en.translated ? undefined : askingClause(light, BOXES, boxTopic, k)) ?? text);
    return topic ? { type: 'boxes', topic } : { type: 'boxes' };
  }
  if (TARGET.test(text) || (YEAR_NAMED.test(text) && YEAR_STATE.test(text))) {
    const ym = YEAR.exec(text);
    const year = ym ? Number(ym[1]) : undefined;
    const goalTopic = (t: string) => cleanTopic(t.replace(TARGETS, ' ').replace(YEAR_STATES, ' ').replace(YEAR, ' '), k);
    const topic = goalTopic((en.translated ? undefined : askingClause(light, TARGET, goalTopic, k)) ?? text);
    // "国家信息化总体上要达到什么目标": the plan's own goals, whatever the conversation was about
    if (topic && isOverall(topic, k)) return { type: 'target', overall: true, ...(year ? { year } : {}), extras: en.extras };
    return { type: 'target', ...(topic ? { topic } : {}), ...(year ? { year } : {}), extras: en.extras };
  }
  const sw = SWITCH.exec(text);
  if (sw) {
    // "2023年呢", "那2025年的呢", "what about 2025": the same topic's goals for that year
    const yearOnly = ONLY_YEAR.exec((sw[1] ?? sw[2] ?? '').trim());
    if (yearOnly) return { type: 'target', year: Number(yearOnly[1]), extras: [] };
    const topic = cleanTopic(sw[1] ?? sw[2] ?? '', k);
    if (topic) return { type: 'switch', topic, extras: en.extras };
  }
  // "5G手机哪款性价比高", "recommend a good course": shopping advice and recommendations are not what a plan says
  const offTopic = grammarWords(k).offTopic.find(bare) === true;
  // "《数据安全法》哪一天开始施行", "申报要交哪些材料": a detail the plan may not hold (answered only where a passage holds it)
  const detail = offTopic ? undefined : grammarWords(k).detailAsks.find(bare);
  const topic = en.translated ? undefined : clauseTopic(light, k);
  return { type: 'search', query: text, extras: en.extras, ...(topic ? { topic } : {}), ...(offTopic ? { offTopic: true as const } : {}), ...(detail ? { detail } : {}) };
}

/** Normalised heading → first node with it, built once per loaded content: normalising every heading on every question cost most of a turn. */
const headingIndexes = new WeakMap<Knowledge, Map<string, string>>();

function headingIndex(k: Knowledge): Map<string, string> {
  let index = headingIndexes.get(k);
  if (!index) {
    index = new Map();
    for (const node of k.library.allNodes()) {
      const key = k.normalize(node.title).replace(/\s+/g, '');
      if (!index.has(key)) index.set(key, node.id);
    }
    headingIndexes.set(k, index);
  }
  return index;
}

/** "X后面的(那个)行动是哪个", "排在X前面的是什么": X a heading of the plan, the answer the one listed after or before it. */
const RELATIVE = /^(?:排在|紧跟在|跟在)?(.{2,40}?)的?(后面|之后|后边|下一个|后一个|前面|之前|前边|上一个|前一个)的?(?:那个|那一个|一个|个|是)?.{0,8}?(?:是哪个|是哪一个|是什么|是啥|叫什么|呢)?$/;

/** The heading listed right after (or before) the heading a question names, when it names one and there is one. */
function relativeHeading(bare: string, k: Knowledge): string | undefined {
  const m = RELATIVE.exec(bare.replace(/\s+/g, ''));
  if (!m) return undefined;
  const id = headingIndex(k).get(m[1]!);
  const el = id ? elementById(k.library, id) : undefined;
  if (!el) return undefined;
  const list = siblingsOf(k.library, el);
  const at = list.findIndex((x) => elementId(x) === id);
  const next = at < 0 ? undefined : list[at + (/后|下/.test(m[2]!) ? 1 : -1)];
  return next?.kind === 'node' ? next.node.id : undefined;
}

/** A part or section whose heading is exactly what was asked (主攻方向, 优先行动, 发展目标 …). */
function findHeading(text: string, k: Knowledge): string | undefined {
  const index = headingIndex(k);
  const compact = text.replace(/\s+/g, '');
  const exact = index.get(compact);
  if (exact) return exact;
  // only a question that holds a heading can be that heading with question words around it (优先行动有哪些?)
  let holds = false;
  for (const title of index.keys()) if (title.length >= 2 && compact.includes(title)) holds = true;
  if (!holds) return undefined;
  const topic = cleanTopic(text, k).replace(/\s+/g, '');
  return topic.length < 2 ? undefined : index.get(topic);
}
