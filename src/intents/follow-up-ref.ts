// Follow-ups as people say them: another batch (换一批), back to an earlier topic (回到刚才那个话题, 前面量子那个,
// go back), explicit topic switches with their filler (不说这个了,讲讲X / 换个话题,X / never mind, X), the same
// question in another year (换成2025年看看), and questions about "it" (它2023年的目标). Structural picks and
// relative steps (下一条, 最后一个, 第三个展开) are structure-ref's.
import { translateEnglish } from '../nlp/glossary.js';
import type { Knowledge } from '../knowledge.js';
import { cleanTopic } from './clean-topic.js';
import { grammarWords } from './grammar-words.js';
import type { Intent } from './intent.js';

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Longest first; a class with no words (no grammar-words.tsv) matches nothing, never the empty string. */
const alt = (ws: string[]) => [...ws].sort((a, b) => b.length - a.length).map(esc).join('|') || '(?!)';
const latin = (w: string) => /[a-z]/.test(w);

/** 上一级 / go up: one level up from the element in focus. */
const UP = /^(?:返回|回到|退回)?(?:上一级|上一层|上级|上层)(?:目录)?$|^(?:go )?up(?: a level| one level)?$|^parent$/;

/** The follow-up rules built from the grammar words (content/dict/grammar-words.tsv), once per Knowledge. */
interface FollowUpRules {
  /** another page of the same list, in other words than 更多 (换一批, what else) */
  anotherBatch: Set<string>;
  /** 上一页 / previous page: the page before the one shown */
  previousPage: Set<string>;
  /** thanks, then words that drop the current topic (不说这个了, 算了), then the new question */
  switch: RegExp;
  /** a verb of asking leading the new question after a switch (讲讲X, let's talk about X) */
  lead: RegExp;
  /** endings dropped from that new question (呢, 怎么样, instead) */
  tail: RegExp;
  /** 回到 / 返回 …: a verb that goes back */
  backVerb: RegExp;
  /** 刚才 / 前面 … 那个话题: an earlier thing, named as such */
  backWhen: RegExp;
  /** 话题 / 那个: a topic, named as such */
  backNoun: RegExp;
  /** what is left of a back request once its own words are gone is the word that names the topic */
  backWords: RegExp;
}

const rulesByKnowledge = new WeakMap<Knowledge, FollowUpRules>();

function followUpRules(k: Knowledge): FollowUpRules {
  let r = rulesByKnowledge.get(k);
  if (r) return r;
  const g = grammarWords(k);
  const leads = [...g.askLeads, ...g.leadParticles];
  r = {
    anotherBatch: g.anotherBatch,
    previousPage: g.previousPage,
    switch: new RegExp(`^((?:(?:${alt(g.polite)})\\s*)*)(?:(?:${alt(g.switchMarks)})\\s*)+(.*)$`),
    // Latin words must end at a space ("and" is not the start of "android"); Chinese leads and particles need not
    lead: new RegExp(`^(?:${alt(leads.filter((w) => !latin(w)))}|(?:${alt(leads.filter(latin))})(?=\\s|$))\\s*`),
    tail: new RegExp(`(?:\\s*(?:${alt(g.switchTails)}))+$`),
    backVerb: new RegExp(alt(g.backVerbs)),
    backWhen: new RegExp(alt(g.backWhen)),
    backNoun: new RegExp(alt(g.backNouns)),
    backWords: new RegExp(alt(g.backWords), 'g'),
  };
  rulesByKnowledge.set(k, r);
  return r;
}

const FIRST_TOPIC = /(?:最开始|一开始|最早|最初|开头)(?:的|那个|问的|说的)*(?:话题|问题|主题|那个)|第一个(?:话题|问题|主题)/;
const EN_LEAD = '^(?:(?:ok|okay|please|now|so|and)\\s+)*(?:let\'?s\\s+|can we\\s+)?';
const EN_BACK_TO = new RegExp(`${EN_LEAD}(?:go back to|get back to|back to|return to)\\s+(?:the\\s+)?(?:(?:previous|earlier|last|other|old|first)\\s+)?(?:(?:topic|question|subject|one|thing)\\s*)?(?:(?:about|on|of)\\s+)?(.*)$`);
const EN_EARLIER = /^(?:what|where)\s+(?:we|i)\s+(?:were|was|had been)\s+(?:talking about|discussing|looking at|reading|on|at)?\s*(?:before|earlier|just now|a moment ago|previously)?$|^(?:before|earlier|it|that)$/;
const EN_BACK = new RegExp(`${EN_LEAD}(?:go back|get back|back|return|(?:the\\s+)?(?:previous|earlier|last) (?:topic|question|subject))$`);
const EN_FIRST = new RegExp(`${EN_LEAD}(?:go back to|back to|return to)\\s+(?:the\\s+)?(?:first|original|very first) (?:topic|question|subject|one)$`);

/** 换成2025年看看 / 改成数字乡村: the last question again, with one thing changed. */
const CHANGE_TO = /^(?:那|那么)?(?:换成|改成|换到|改为|换为|如果是|要是)(.+?)(?:看看|看一下|试试|吧|呢|的)*$/;

/** "它2023年的目标", "这个有哪些重点工程": a question about the current topic. */
const ABOUT_IT = /^(?:那|那么)?(?:(?:它们|它|这个|这方面|其|该)的?)+(.+)$/;

/** How deep a follow-up may hold another (不说这个了,它的目标): deeper text is read as it stands, so no input recurses long. */
const MAX_NESTING = 2;
let nesting = 0;

/** Read a message as a conversational follow-up; `reparse` reads the new question inside a switch. */
export function parseFollowUp(full: string, k: Knowledge, reparse: (text: string) => Intent): Intent | undefined {
  if (nesting >= MAX_NESTING) return undefined;
  nesting++;
  try {
    return readFollowUp(full, k, reparse);
  } finally {
    nesting--;
  }
}

function readFollowUp(full: string, k: Knowledge, reparse: (text: string) => Intent): Intent | undefined {
  const bare = full.replace(/\s+/g, ' ').trim();
  const compact = bare.replace(/\s+/g, '');
  const r = followUpRules(k);
  if (r.anotherBatch.has(bare) || r.anotherBatch.has(compact)) return { type: 'more' };
  if (r.previousPage.has(bare) || r.previousPage.has(compact)) return { type: 'more', back: true };
  if (UP.test(bare) || UP.test(compact)) return { type: 'up' };
  const sw = r.switch.exec(bare);
  if (sw) return newQuestion(sw[2] ?? '', r, reparse);
  const back = parseBack(compact, bare, r, k);
  if (back) return back;
  const change = CHANGE_TO.exec(compact);
  if (change && !/^(?:一批|一组|个话题|个问题)/.test(change[1]!)) return { type: 'switch', topic: change[1]!, extras: [] };
  const about = ABOUT_IT.exec(compact);
  if (about) {
    const inner = reparse(about[1]!);
    const topicless = (inner.type === 'target' || inner.type === 'boxes') && !inner.topic;
    if (topicless || inner.type === 'where' || inner.type === 'source') return inner;
  }
  return undefined;
}

/** What follows a switch word: a question of its own, never a follow-up of the dropped topic. */
function newQuestion(rest: string, r: FollowUpRules, reparse: (text: string) => Intent): Intent {
  let q = rest.trim();
  for (let before = ''; before !== q; ) {
    before = q;
    q = q.replace(r.lead, '').replace(r.tail, '').trim();
  }
  if (!q) return { type: 'help' };
  const inner = reparse(q);
  // "算了,那养老呢" is a new question about 养老, not the old question carried over
  if (inner.type === 'switch') return { type: 'search', query: inner.topic, extras: inner.extras };
  return inner;
}

function parseBack(compact: string, bare: string, r: FollowUpRules, k: Knowledge): Intent | undefined {
  if (r.backVerb.test(compact) || (r.backWhen.test(compact) && r.backNoun.test(compact))) {
    // "回到" must lead (or follow a few words of asking): "数据回到本地" is a topic
    if (!r.backWhen.test(compact) && compact.search(r.backVerb) > 4) return undefined;
    // 回到最开始的话题: the first topic of the conversation
    if (FIRST_TOPIC.test(compact)) return { type: 'back', oldest: true };
    const left = compact.replace(r.backWords, '');
    const word = left ? cleanTopic(left, k) : '';
    return word ? { type: 'back', word } : { type: 'back' };
  }
  if (EN_BACK.test(bare)) return { type: 'back' };
  if (EN_FIRST.test(bare)) return { type: 'back', oldest: true };
  const en = EN_BACK_TO.exec(bare);
  if (!en) return undefined;
  // "go back to what we were talking about before": the earlier topic, not a topic called "talking before"
  if (EN_EARLIER.test(en[1] ?? '')) return { type: 'back' };
  const rest = en[1] ? cleanTopic(translateEnglish(en[1], k.lexicon.glossary, k.lexicon.stopwords, k.lexicon.englishWords).text, k) : '';
  return rest ? { type: 'back', word: rest } : { type: 'back' };
}
