// Follow-ups as people say them: another batch (换一批), back to an earlier topic (回到刚才那个话题, 前面量子那个,
// go back), explicit topic switches with their filler (不说这个了,讲讲X / 换个话题,X / never mind, X), the same
// question in another year (换成2025年看看), and questions about "it" (它2023年的目标). Structural picks and
// relative steps (下一条, 最后一个, 第三个展开) are structure-ref's.
import { translateEnglish } from '../nlp/glossary.js';
import type { Knowledge } from '../knowledge.js';
import { cleanTopic } from './clean-topic.js';
import type { Intent } from './intent.js';

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const alt = (ws: string[]) => [...ws].sort((a, b) => b.length - a.length).map(esc).join('|');

/** Another page of the same list, in other words than 更多. */
const ANOTHER_BATCH =
  /^(?:再?换一批|换一组|换一些|换些|换几个|换几条|换一个|换一换|再来一批|下一批|再来几条|再来几个|再来一些|再多来点|还有别的吗|还有其他的吗|还有其他吗|还有没有别的|其他的呢|别的呢|another batch|other results|show others|different ones|some others|more please|give me more|show me more|any more|anything else|what else)$/;
/** 上一页 / previous page: the page before the one shown. */
const PREVIOUS_PAGE = /^(?:上一页|前一页|上页|回到上一页|previous page|prev page|last page|page back|back a page)$/;
/** 上一级 / go up: one level up from the element in focus. */
const UP = /^(?:返回|回到|退回)?(?:上一级|上一层|上级|上层)(?:目录)?$|^(?:go )?up(?: a level| one level)?$|^parent$/;

/** Thanks and acknowledgements that may open a switch. */
const POLITE = ['好的谢谢', '好的', '好吧', '好', '嗯嗯', '嗯', '行', '谢谢', '多谢', '明白了', '知道了', '了解了', '哦', '噢', 'ok', 'okay', 'thanks', 'thank you', 'got it'];

/** Words that drop the current topic: what follows them is a new question. */
const SWITCH_MARKS = [
  '不说这个了', '不说这个', '不聊这个了', '不聊这个', '不谈这个了', '先不说这个了', '先不说这个', '先不聊这个了', '这个先不说了', '别说这个了',
  '换个话题', '换一个话题', '换个问题', '换一个问题', '换个主题', '说点别的', '聊点别的', '问点别的', '问个别的', '另外问一下', '另外问下',
  '算了吧', '算了', '算啦', '不用了', 'never mind', 'nevermind', 'forget it', 'forget that', 'change of topic', 'new topic', 'different topic',
  'change the subject', 'moving on', 'anyway',
];

/** Verbs of asking that lead the new question after a switch (讲讲X, let's talk about X). */
const ASK_LEADS = [
  '我想了解一下', '我想了解', '想了解一下', '想了解', '我想问问', '我想问', '想问问', '想问', '介绍一下', '来看看', '看一下', '那么', '那',
  '讲讲', '说说', '聊聊', '谈谈', '看看', '问问', '查查', '查一下', '说一下', '讲一下',
  "let's talk about", 'lets talk about', 'talk about', 'tell me about', "let's look at", 'lets look at', 'what about', 'how about', 'and',
];

const SWITCH = new RegExp(`^((?:(?:${alt(POLITE)})\\s*)*)(?:(?:${alt(SWITCH_MARKS)})\\s*)+(.*)$`);
const latin = (w: string) => /[a-z]/.test(w);
// Latin words must end at a space ("and" is not the start of "android"); Chinese leads and particles need not
const LEAD = new RegExp(`^(?:${alt(ASK_LEADS.filter((w) => !latin(w)))}|吧|啊|呀|了|哈|好|(?:${alt([...ASK_LEADS.filter(latin), 'ok', 'okay'])})(?=\\s|$))\\s*`);
const TAIL = /(?:\s*(?:吧|呢|怎么样|如何|的情况|好了|好吗|吗|too|then|instead))+$/;

/** 回到 / 返回 …: a verb that goes back. */
const BACK_VERB = /回到|回去|返回|退回|转回|回头/;
/** 刚才 / 前面 … 那个话题: an earlier thing, named as such. */
const BACK_WHEN = /刚才|刚刚|之前|前面|先前|上一个|上个|原来|最开始|一开始|最早/;
const FIRST_TOPIC = /(?:最开始|一开始|最早|最初|开头)(?:的|那个|问的|说的)*(?:话题|问题|主题|那个)|第一个(?:话题|问题|主题)/;
const BACK_NOUN = /话题|问题|主题|那个|那块|那条|那段|那里|那儿/;
/** What is left of a back request once its own words are gone is the word that names the topic. */
const BACK_WORDS = new RegExp(
  alt([
    '我还是想再看看', '还是想再看看', '我想再看看', '想再看看', '再看看', '再看一下', '看看', '看一下', '再说说', '说说', '再聊聊', '聊聊', '讲讲',
    '我们', '我', '还是', '想', '再', '接着', '继续', '一下', '重新', '回到', '回去', '返回', '退回', '转回', '回头', '刚才', '刚刚', '之前', '前面', '先前',
    '上一个', '上个', '原来', '最开始', '一开始', '最早', '说的', '聊的', '问的', '看的', '提到的', '的', '那个', '这个', '话题', '问题', '主题', '内容',
    '那块', '那条', '那段', '那里', '那儿', '吧', '呢', '啊', '呀', '好吗', '好不好',
  ]),
  'g',
);
const EN_LEAD = '^(?:(?:ok|okay|please|now|so|and)\\s+)*(?:let\'?s\\s+|can we\\s+)?';
const EN_BACK_TO = new RegExp(`${EN_LEAD}(?:go back to|get back to|back to|return to)\\s+(?:the\\s+)?(?:(?:previous|earlier|last|other|old|first)\\s+)?(?:(?:topic|question|subject|one|thing)\\s*)?(?:(?:about|on|of)\\s+)?(.*)$`);
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
  if (ANOTHER_BATCH.test(bare) || ANOTHER_BATCH.test(compact)) return { type: 'more' };
  if (PREVIOUS_PAGE.test(bare) || PREVIOUS_PAGE.test(compact)) return { type: 'more', back: true };
  if (UP.test(bare) || UP.test(compact)) return { type: 'up' };
  const sw = SWITCH.exec(bare);
  if (sw) return newQuestion(sw[2] ?? '', reparse);
  const back = parseBack(compact, bare, k);
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
function newQuestion(rest: string, reparse: (text: string) => Intent): Intent {
  let q = rest.trim();
  for (let before = ''; before !== q; ) {
    before = q;
    q = q.replace(LEAD, '').replace(TAIL, '').trim();
  }
  if (!q) return { type: 'help' };
  const inner = reparse(q);
  // "算了,那养老呢" is a new question about 养老, not the old question carried over
  if (inner.type === 'switch') return { type: 'search', query: inner.topic, extras: inner.extras };
  return inner;
}

function parseBack(compact: string, bare: string, k: Knowledge): Intent | undefined {
  if (BACK_VERB.test(compact) || (BACK_WHEN.test(compact) && BACK_NOUN.test(compact))) {
    // "回到" must lead (or follow a few words of asking): "数据回到本地" is a topic
    if (!BACK_WHEN.test(compact) && compact.search(BACK_VERB) > 4) return undefined;
    // 回到最开始的话题: the first topic of the conversation
    if (FIRST_TOPIC.test(compact)) return { type: 'back', oldest: true };
    const left = compact.replace(BACK_WORDS, '');
    const word = left ? cleanTopic(left, k) : '';
    return word ? { type: 'back', word } : { type: 'back' };
  }
  if (EN_BACK.test(bare)) return { type: 'back' };
  if (EN_FIRST.test(bare)) return { type: 'back', oldest: true };
  const en = EN_BACK_TO.exec(bare);
  if (!en) return undefined;
  const rest = en[1] ? cleanTopic(translateEnglish(en[1], k.lexicon.glossary, k.lexicon.stopwords).text, k) : '';
  return rest ? { type: 'back', word: rest } : { type: 'back' };
}
