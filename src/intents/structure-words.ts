// The closed word classes of the structural-reference grammar: how Chinese and English speakers number, count and
// locate the units every plan of this style has (parts, sections, boxes, items). Words naming one plan's own units
// (主攻方向, 优先行动, 工程 …) are never listed here: structure-vocab.ts derives them from the loaded plan tree.

/** A numeral as typed: ASCII digits or Chinese numerals (parsed by content/chinese-numeral). */
export const NUM = '(?:\\d+|[零〇一二两三四五六七八九十百]+)';

/** Units every plan of this style has, by their Chinese names (longest first when they are alternated). */
export const GENERIC_UNITS: Record<string, 'part' | 'section' | 'box' | 'item'> = {
  部分: 'part',
  大部分: 'part',
  章节: 'section',
  小节: 'section',
  节: 'section',
  专栏: 'box',
  条目: 'item',
  措施: 'item',
  举措: 'item',
  要点: 'item',
  条: 'item',
  项: 'item',
  点: 'item',
  款: 'item',
};

/** Classifiers that count without naming a unit (第二个, 第三位): alone they mean "entry of the list in view". */
export const CLASSIFIERS = ['个', '位', '名'];

/** "How many": asks for the count with its list. */
export const COUNT_WORDS = ['多少个', '多少', '几个', '几', '哪几个', '哪几项', '哪几条', '哪几', '一共', '总共', '共计', '合计', '总计', '共有', 'how many', 'number of', 'count of'];

/** Pronouns for "the thing we are talking about" (the conversation's focus or current topic). */
export const DEICTICS = ['上面这个', '上面那个', '刚才这个', '刚才那个', '这一条', '这一项', '这一段', '这个', '这条', '这项', '这段', '这些', '它们', '它', '其', '该', '此', '这'];

/** Verbs that ask where something sits: X 在 / 属于 / 位于 … 第几部分. */
export const WHERE_VERBS = ['出现在', '收录在', '归属于', '包含在', '属于', '位于', '出自', '来自', '归于', '放在', '列在', '处在', '处于', '归属', '在', '属', '是'];

/** Words that ask "which" before a unit: 第几部分, 哪一节, 哪个专栏, 什么专栏. */
export const WHICH_WORDS = ['第几个', '第几', '哪一个', '哪一', '哪个', '哪', '什么'];

/**
 * Words around a structural reference that add nothing to it: question frames, politeness, verbs of showing, the
 * plan itself. A reference parses only when nothing but these is left, so a topic question is never taken for one.
 */
export const FILLER = [
  // the plan itself
  '这个规划', '这部规划', '这个文件', '这份文件', '这份规划', '整个规划', '本规划', '该规划', '规划中', '规划里', '规划', '文件里', '文件', '全文', '原文',
  // asking to see
  '我想问一下', '想问一下', '问一下', '麻烦你', '麻烦', '能不能', '能否', '可不可以', '可以', '告诉我', '发给我', '发我', '你好', '您好',
  '主要讲的是', '主要讲', '主要说', '主要', '怎么写的', '怎么说的', '怎么讲的', '叫什么名字', '叫什么', '名字', '标题', '题目',
  '请问', '请', '帮我', '给我', '我想看看', '我想看', '我想了解', '我想知道', '想看看', '想看', '想知道', '看一下', '看看', '看下',
  '查一下', '查查', '查', '打开', '显示', '列出来', '列出', '列的', '列了', '提到的', '里列的',
  '展开说说', '展开讲讲', '展开看看', '展开一下', '展开', '详细说说', '详细讲讲', '详细介绍', '详细', '具体说说', '具体讲讲', '具体',
  '说说', '讲讲', '说一下', '讲一下', '介绍一下', '介绍', '内容', '详情',
  // asking what it is
  '讲的是什么', '讲的是啥', '讲的什么', '讲了什么', '讲了啥', '讲什么', '讲啥', '说的是什么', '说了什么', '说什么', '写的是什么', '写了什么',
  '是什么', '是啥', '是哪一个', '是哪个', '是哪一项', '是哪项', '是哪一条', '是哪条', '是哪一些', '是哪些', '是哪几个', '都是什么', '都有哪些', '都有什么',
  '有哪些', '有什么', '有啥', '包括哪些', '包括', '包含', '分别是', '分别', '哪一项', '哪一条', '哪一个', '哪项', '哪条', '哪个', '哪些', '什么', '啥',
  // counting
  '一共分', '共分', '分成', '分为', '分了', '分', '一共是', '包括了', '下面', '下边', '底下', '里边', '有', '都',
  // going on (往 alone, so that 往下一条 still reads 下一条)
  '接着', '然后', '再往', '往', '再',
  // ranking
  '排名', '排在', '排', '位置', '位的', '位',
  // glue and particles
  '当中', '之中', '里面', '里头', '中的', '里的', '的', '里', '中', '内', '那个', '那', '就是', '到底', '一下', '把', '是', '呢', '吗', '啊', '呀', '吧', '嘛', '哦', '呗', '了',
];

// 讲的啥, 说了些什么, 写的是什么 …: a verb of saying with a question word is a question frame, whatever the pair
for (const verb of ['讲', '说', '写', '提', '讲了', '说了', '写了', '提了', '讲的', '说的', '写的', '提的', '讲的是', '说的是', '写的是', '提到了', '提到的是']) {
  for (const what of ['什么', '啥', '哪些', '些什么', '些啥']) FILLER.push(verb + what);
}

/** English words that carry nothing in a structural reference. */
export const EN_FILLER = new Set([
  'the', 'a', 'an', 'is', 'are', 'was', 'what', 'whats', "what's", 'which', 'show', 'me', 'tell', 'about', 'open', 'see', 'please',
  'does', 'do', 'say', 'says', 'there', 'plan', 'plans', 'have', 'has', 'list', 'give', 'it', 'its', 'all', 'expand', 'more',
  'detail', 'details', 'on', 'in', 'of', 'from', 'to', 'can', 'you', 'i', 'want', 'read', 'contain', 'contains', 'cover', 'covers',
  'one', 'ones', 'talk', 'talks', 'mention', 'mentions', 'and', 'that', 'this', 'go', 'into', 'let', 'lets', "let's", 'look', 'at', 'get',
]);

/** English ordinal words. */
export const EN_ORDINALS: Record<string, number> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10,
  eleventh: 11, twelfth: 12, thirteenth: 13, fourteenth: 14, fifteenth: 15,
};

/** English cardinal words (part five, box thirteen). */
export const EN_NUMBERS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20,
};

/** English unit nouns (singular; a trailing s is dropped before lookup). */
export const EN_UNITS: Record<string, 'part' | 'section' | 'box' | 'item'> = {
  part: 'part', chapter: 'part', section: 'section', subsection: 'section', box: 'box', column: 'box', panel: 'box',
  item: 'item', point: 'item', entry: 'item', line: 'item',
};
