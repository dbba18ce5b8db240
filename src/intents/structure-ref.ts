// One grammar for structural references: ordinals (第3, 第三, 三号, 头一条, 排第二), units (部分, 节, 专栏, 条 and the
// plan's own: 优先行动, 方向, 工程), relative picks (最后一个, 倒数第二, 下一条), counts (几个, 一共) and their
// combinations (第四部分第二节, 专栏13第4项), in Chinese and English, plus "where is X" (X 在第几部分).
import { translateEnglish } from '../nlp/glossary.js';
import type { Knowledge } from '../knowledge.js';
import { cleanTopic } from './clean-topic.js';
import type { Intent } from './intent.js';
import { lexChinese, lexEnglish, type Token } from './structure-lexer.js';
import type { RefStep, Selector, StructRef, UnitKey } from './structure-ref-types.js';
import { structureVocab } from './structure-vocab.js';
import { grammarWords } from './grammar-words.js';

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Longest first; a class with no words (no grammar-words.tsv) matches nothing, never the empty string. */
const alt = (ws: Iterable<string>) => [...ws].sort((a, b) => b.length - a.length).map(esc).join('|') || '(?!)';

/** "…(2025年)的(行动)目标(是什么)" after a reference: its goals. */
const TARGET_TAIL = /(?:(20\d\d)年?)?的(?:行动目标|目标)(?:是什么|是啥|有哪些|是哪些|呢)?$/;

/** "展开", "expand 2", "#4", "4": the N-th entry of the list in view. */
const BARE_PICK = /^(?:展开|expand|open|show|详情)?\s*#?\s*(\d{1,2})$|^(?:展开|expand|open|show|详情)$/;

/** "what's item 6", "show me number 2", "result 3": the N-th entry of the list in view, asked in English. */
const EN_ITEM = /^(?:(?:what s|what is|show(?: me)?|open|tell me about|and)\s+)?(?:the\s+)?(?:item|entry|result|number|no)\s*#?\s*(\d{1,2})$/;

/** Read a message as a structural reference; undefined when it is something else (a topic, a command). */
export function parseStructureRef(full: string, k: Knowledge): Intent | undefined {
  const bare = full.replace(/\s+/g, ' ').trim();
  const bp = BARE_PICK.exec(bare);
  if (bp) return { type: 'expand', n: bp[1] ? Number(bp[1]) : 1 };
  const ei = EN_ITEM.exec(bare);
  if (ei) return { type: 'expand', n: Number(ei[1]) };
  const compact = bare.replace(/\s+/g, '');
  if (!compact) return undefined;
  const where = parseWhere(compact, bare, k);
  if (where) return where;
  const goals = TARGET_TAIL.exec(compact);
  if (goals && goals.index > 0) {
    // 第五个优先行动2025年的目标: the goals of what the reference names
    const head = lexChinese(compact.slice(0, goals.index), k);
    const ref = head && parseTokens(head);
    if (ref && ref.ask === 'show' && ref.steps.some((s) => 'sel' in s && s.sel.at !== 'all')) {
      return { type: 'struct', ref: { ...ref, ask: 'target', ...(goals[1] ? { year: Number(goals[1]) } : {}) } };
    }
  }
  const latin = /[a-z]/.test(compact);
  const tokens = lexChinese(compact, k) ?? (latin ? lexEnglish(bare, k) : looseReference(compact, k));
  const ref = tokens && parseTokens(tokens);
  if (!ref) return undefined;
  const only = ref.steps.length === 1 && ref.ask === 'show' ? ref.steps[0]! : undefined;
  if (only && 'named' in only) {
    // a title on its own (主攻方向, 人工智能社会治理实验工程, 优先行动有哪些) shows that part, section or box
    const box = k.library.passage(only.named);
    return box?.box !== undefined ? { type: 'box', box: box.box } : { type: 'heading', nodeId: only.named };
  }
  return lower(ref);
}

/**
 * A reference inside a sentence with words the grammar does not know ("麻烦帮我看看专栏13里面的第三条具体是怎么写的"):
 * taken only when it names its container (专栏13, 第四部分, 优先行动 — a bare 第一个 is not enough) and the other
 * words name nothing in the plan, so "专栏13里关于养老的内容" stays a search.
 */
function looseReference(compact: string, k: Knowledge): Token[] | undefined {
  const tokens = lexChinese(compact, k, true);
  if (!tokens) return undefined;
  const text = tokens.filter((t): t is Extract<Token, { t: 'text' }> => t.t === 'text').map((t) => t.s);
  const ref = parseTokens(tokens);
  const anchored = ref?.steps.some((s) => 'named' in s || ('sel' in s && s.unit !== 'item' && s.sel.at !== 'all'));
  if (!ref || !anchored) return undefined;
  const rest = cleanTopic(text.join(' '), k);
  return !rest || k.matcher.search(rest).noMatch ? tokens : undefined;
}

/** Tokens → reference, outermost step first; undefined unless it picks, counts or steps somewhere. */
export function parseTokens(tokens: Token[]): StructRef | undefined {
  const toks = tokens.filter((t) => t.t !== 'fill' && t.t !== 'text');
  const steps: RefStep[] = [];
  let ask: StructRef['ask'] = 'show';
  let pending: { sel: Selector; cls: boolean } | undefined;
  const resolved = (p: { sel: Selector; cls: boolean }): Selector => (p.cls && p.sel.at === 'ordinal' ? { at: 'nth', n: p.sel.n } : p.sel);
  const flush = () => {
    if (pending) steps.push({ unit: 'item', sel: resolved(pending) });
    pending = undefined;
  };
  for (let i = 0; i < toks.length; i++) {
    const tok = toks[i]!;
    const next = toks[i + 1];
    switch (tok.t) {
      case 'named':
        steps.push({ named: tok.id });
        // 优先行动部分, 人工智能社会治理实验工程这个专栏: the unit names the titled element itself
        if (next?.t === 'unit' && next.unit === tok.unit) i++;
        // 第二个优先行动: the second of what the named node lists
        if (pending) steps.push({ unit: 'item', sel: resolved(pending) });
        pending = undefined;
        break;
      case 'sel':
        flush();
        pending = { sel: tok.sel, cls: false };
        break;
      case 'cls':
        if (pending) pending.cls = true;
        break;
      case 'unit':
        if (pending) {
          steps.push({ unit: tok.unit, sel: resolved(pending), word: tok.word });
          pending = undefined;
          // 第三项措施, 第二条举措: a second noun of the same unit names the one just selected
          if (next?.t === 'unit' && next.unit === tok.unit) i++;
        } else if (next?.t === 'num') {
          steps.push({ unit: tok.unit, sel: { at: 'label', n: next.n }, word: tok.word });
          i++;
        } else steps.push({ unit: tok.unit, sel: { at: 'all' }, word: tok.word });
        break;
      case 'num':
        // "专栏13一共有七条吗": the number guessed is answered by the count itself
        if (ask === 'count' && next?.t === 'unit') break;
        return undefined;
      case 'count':
        ask = 'count';
        break;
      case 'deictic':
        flush();
        if (next?.t === 'unit') {
          steps.push({ deictic: true, unit: next.unit });
          i++;
        } else steps.push({ deictic: true });
        break;
      default:
        break;
    }
  }
  flush();
  // "how many items does box 13 have", "多少条在专栏13里": what is counted comes after where it is counted
  if (ask === 'count') {
    const firstPick = steps.findIndex((s) => 'named' in s || ('sel' in s && s.sel.at !== 'all'));
    if (firstPick > 0 && steps.slice(0, firstPick).every((s) => 'sel' in s && s.sel.at === 'all')) steps.push(...steps.splice(0, firstPick));
  }
  const picks = steps.filter((s) => 'sel' in s && s.sel.at !== 'all');
  const titleOnly = steps.length === 1 && 'named' in steps[0]!;
  if (steps.length === 0 || (ask === 'show' && picks.length === 0 && !titleOnly)) return undefined;
  // a step is relative to the focus: it stands alone (下一个专栏), never inside a path
  if (steps.length > 1 && steps.some((s) => 'sel' in s && s.sel.at === 'step')) return undefined;
  return { steps, ask };
}

/** The simple references keep their own intents (专栏 N, 第 N 部分, 第 N 条 of the list in view); the rest are `struct`. */
function lower(ref: StructRef): Intent {
  const [a, b] = ref.steps;
  if (ref.ask === 'show' && a && 'sel' in a) {
    if (ref.steps.length === 1) {
      const sel = a.sel;
      if (a.unit === 'item') {
        if (sel.at === 'end') return { type: 'expand', n: sel.n, fromEnd: true };
        if (sel.at === 'step') return { type: 'step', d: sel.d };
        if (sel.at !== 'all') return { type: 'expand', n: sel.n };
      }
      if (sel.at === 'step') return { type: 'step', d: sel.d, unit: a.unit };
      if (a.unit === 'box' && sel.at === 'label') return { type: 'box', box: sel.n };
      if (a.unit === 'part' && (sel.at === 'label' || sel.at === 'ordinal')) return { type: 'part', part: sel.n };
    }
    if (ref.steps.length === 2 && a.unit === 'box' && a.sel.at === 'label' && b && 'sel' in b && b.unit === 'item') {
      if (b.sel.at === 'label' || b.sel.at === 'ordinal' || b.sel.at === 'nth') return { type: 'box', box: a.sel.n, item: b.sel.n };
    }
  }
  return { type: 'struct', ref };
}

interface WhereRules {
  /** the end of "X 在第几部分 / 属于哪一节 / 是哪个专栏的": which-word, unit, particles */
  asked: RegExp;
  /** the verb (and "规划的") right before the which-word */
  verb: RegExp;
  /** "X 在哪里" */
  anywhere: RegExp;
  /** "哪个专栏提到了X" */
  inverted: RegExp;
  /** "规划在哪里提到了X", "X在规划里的位置" */
  mentions: RegExp;
  position: RegExp;
  units: Map<string, UnitKey>;
  deictic: Set<string>;
  filler: RegExp;
}

const rulesByVocab = new WeakMap<object, WhereRules>();

// each rule is anchored at one end and starts with a literal, so a question that is not a "where" fails fast
function whereRules(k: Knowledge): WhereRules {
  const v = structureVocab(k);
  let r = rulesByVocab.get(v);
  if (r) return r;
  const g = grammarWords(k);
  const units = new Map<string, UnitKey>();
  for (const [w, u] of g.units) if (u !== 'item') units.set(w, u);
  for (const [w, u] of v.units) units.set(w, u);
  for (const [w, u] of v.listTitles) if (!units.has(w)) units.set(w, u);
  const U = alt(units.keys());
  const W = alt(g.whichWords);
  const scope = '(?:本?规划|文件|文中|全文)?(?:的|里的?|中的?)?';
  const end = '(?:里面|里|中|内|下|之中|当中)?(?:讲到|讲|提到|提|说到|说|写|出现)?(?:的)?(?:内容)?(?:呢|吗|啊|呀|吧)?';
  r = {
    asked: new RegExp(`(?:${W})(?:一个|个)?(${U})${end}$`),
    verb: new RegExp(`(?:${alt(g.whereVerbs)})${scope}$`),
    anywhere: new RegExp(`(?:在|位于|出自|来自)${scope}(?:哪里|哪儿|哪)(?:呢|啊|呀)?$`),
    inverted: new RegExp(`^(?:${W})(?:一个|个)?(${U})(?:里面|里|中)?(?:有|提到了?|提到过|讲了?|讲到|包含|涉及|说到|谈到|写了?|提及)(.+?)(?:呢|吗|啊)?$`),
    mentions: /^(?:本?规划|文件)?(?:在|从)?(?:哪里|哪儿|哪个地方|什么地方)(?:有|提到|讲到|讲|说到|说|谈到|谈|写到|写|提)(?:了|过)*(.+?)(?:呢|吗|啊)?$/,
    position: /^(.+?)(?:在规划里|在规划中|在文中|在规划)?的(?:位置|出处)(?:在哪里?|是什么|是哪里)?(?:呢|啊)?$/,
    units,
    deictic: new Set(g.deictics),
    filler: new RegExp(`^(?:${alt(g.whereLeads)})|(?:${alt(g.whereTails)})+$`, 'g'),
  };
  rulesByVocab.set(v, r);
  return r;
}

/** 是哪个专栏的(呢): the unit asked about is the one the subject belongs to */
const OF_WHICH = /的(?:内容)?(?:呢|吗|啊|呀|吧)?$/;

/** The subject and asked unit of a Chinese "where" question, if it is one. */
function whereParts(compact: string, r: WhereRules): { subject: string; unitWord?: string; identity?: boolean } | undefined {
  const asked = r.asked.exec(compact);
  if (asked) {
    const before = compact.slice(0, asked.index);
    const verb = r.verb.exec(before);
    // 是哪个行动 asks what a thing is; 在 / 属于哪个行动, or 是哪个专栏的, where it is
    if (verb) return { subject: before.slice(0, verb.index), unitWord: asked[1], identity: verb[0] === '是' && !OF_WHICH.test(asked[0]) };
  }
  const anywhere = r.anywhere.exec(compact);
  if (anywhere && anywhere.index > 0) return { subject: compact.slice(0, anywhere.index) };
  const inv = r.inverted.exec(compact);
  if (inv) return { subject: inv[2]!, unitWord: inv[1] };
  const m = r.mentions.exec(compact) ?? r.position.exec(compact);
  return m ? { subject: m[1]! } : undefined;
}

const EN_WHERE = [
  /^(?:in )?(?:which|what) (part|section|box|column|chapter)s?(?: of (?:the|this) (?:plan|document))? (?:is|are|does|do|covers?|mentions?|talks? about|contains?|includes?|has|deals? with|discusses|says? about) (.+?)(?: in| belong to| fall under| come from| under)?$/,
  /^where (?:is|are|does|do) (?:the plan |it )?(?:talk about |mention |cover |discuss |say about |say )?(.+?)(?: in the plan| covered| mentioned| appear| come from| belong)?$/,
  /^where (?:can|could|do|should|would) (?:i|we|you) (?:find|read about|see|look for|look up) (.+?)(?: in the plan)?$/,
  /^(.+?) (?:is|are) in which (part|section|box|column|chapter)$/,
];
const EN_UNIT: Record<string, UnitKey> = { part: 'part', chapter: 'part', section: 'section', box: 'box', column: 'box' };

/** X 在第几部分 / 属于哪一节 / 在哪个专栏 / 哪个专栏提到X / which part covers X. */
function parseWhere(compact: string, bare: string, k: Knowledge): Intent | undefined {
  const r = whereRules(k);
  const parts = whereParts(compact, r);
  const subject = parts?.subject;
  const unitWord = parts?.unitWord;
  if (subject !== undefined) {
    const x = subject.replace(r.filler, '');
    // "第二个优先行动在哪一部分" asks for a reference: show it
    const inner = x ? lexChinese(x, k) : undefined;
    const ref = inner && parseTokens(inner);
    // "第二个优先行动在哪一部分", "第3条在哪个专栏": the place of what the reference names
    if (ref && ref.steps.some((s) => 'sel' in s && s.sel.at !== 'all')) {
      const asked = unitWord ? r.units.get(unitWord) : undefined;
      const last = ref.steps[ref.steps.length - 1];
      // "专栏13是什么工程": asking which 专栏 a 专栏 is asks what it is, not where it is; so does asking which of the
      // plan's own units (行动, 工程) a place is (第五部分第五节是哪个行动)
      if (asked && last && 'unit' in last && (last.unit === asked || (parts?.identity && asked.startsWith('members:')))) return { type: 'struct', ref: { ...ref, ask: 'show' } };
      return { type: 'where', ref, ...(asked ? { unit: asked } : {}) };
    }
    const unit = unitWord ? r.units.get(unitWord) : undefined;
    const deictic = !x || r.deictic.has(x) || (inner?.every((t) => t.t === 'deictic' || t.t === 'fill') ?? false);
    // a title is kept as written (全民数字素养与技能提升行动); other subjects lose their question words
    const topic = deictic ? undefined : structureVocab(k).named.has(x) ? x : cleanTopic(x, k);
    return { type: 'where', ...(topic ? { subject: topic } : {}), ...(unit ? { unit } : {}) };
  }
  if (!/[a-z]/.test(bare)) return undefined;
  for (const [i, re] of EN_WHERE.entries()) {
    const em = re.exec(bare);
    if (!em) continue;
    const [unitWord2, x] = i === 0 ? [em[1], em[2]!] : i === 3 ? [em[2], em[1]!] : [undefined, em[1]!];
    const unit = unitWord2 ? EN_UNIT[unitWord2] : undefined;
    const deictic = /^(?:it|this|that|this one|that one|these)$/.test(x);
    const topic = deictic ? '' : cleanTopic(translateEnglish(x, k.lexicon.glossary, k.lexicon.stopwords, k.lexicon.englishWords).text, k);
    if (!deictic && !topic) return undefined;
    return { type: 'where', ...(topic ? { subject: topic } : {}), ...(unit ? { unit } : {}) };
  }
  return undefined;
}
