// The closed word classes of the structural-reference grammar and the follow-up reader, as the grammar uses them.
// The words are data (content/dict/grammar-words.tsv, loaded into k.lexicon.grammarWords); this file only gives
// them their types, once per Knowledge. Words naming one plan's own units (主攻方向, 优先行动, 工程 …) are never
// listed there: structure-vocab.ts derives them from the loaded plan tree.
import { CodedError } from '../errors.js';
import type { Knowledge } from '../knowledge.js';
import { MarkerSet } from './marker-set.js';

/** A numeral as typed: ASCII digits or Chinese numerals (parsed by content/chinese-numeral). */
export const NUM = '(?:\\d+|[零〇一二两三四五六七八九十百]+)';

/** The kinds of unit every plan of this style has. */
export type GenericUnit = 'part' | 'section' | 'box' | 'item';

/** The grammar's word classes (the kinds are described in content/dict/grammar-words.tsv). */
export interface GrammarWords {
  /** Chinese unit nouns → the unit they name (部分, 节, 专栏, 条) */
  units: Map<string, GenericUnit>;
  classifiers: string[];
  countWords: string[];
  deictics: string[];
  whereVerbs: string[];
  whichWords: string[];
  whereLeads: string[];
  whereTails: string[];
  /** filler, with every say-verb + say-what pair after it */
  filler: string[];
  enFiller: Set<string>;
  enOrdinals: Map<string, number>;
  enNumbers: Map<string, number>;
  enUnits: Map<string, GenericUnit>;
  /** English collection noun → the Chinese ending the plan may count in (action → 行动) */
  enCollections: Map<string, string>;
  anotherBatch: Set<string>;
  previousPage: Set<string>;
  polite: string[];
  switchMarks: string[];
  askLeads: string[];
  leadParticles: string[];
  switchTails: string[];
  backVerbs: string[];
  /** the plan as a whole, as the subject of a goals question (总体, 国家信息化) */
  overall: Set<string>;
  /** requests for shopping advice, prices, recommendations, one's own parcel (性价比, how much … cost): never answered from the plan */
  offTopic: MarkerSet<true>;
  /** asks for a detail a plan may not hold (a date, a percentage, how to apply), by what would answer it */
  detailAsks: MarkerSet<DetailNeed>;
  /** units a number of things is counted in (个, 家, 公里 …): a passage with a number before one answers an amount ask */
  amountUnits: string[];
  /** words that make a clause a question (啥, 有没有, 怎么): of a message's clauses, the one asking names its topic */
  askMarks: string[];
  /** regions and cities a plan names (京津冀, 粤港澳大湾区 …): a passage naming one answers a place ask */
  placeNames: string[];
  /** words that open a question about what is inside the thing just shown (那里面, 这部分里, in there), longest first */
  scopeIn: string[];
  backWhen: string[];
  backNouns: string[];
  backWords: string[];
  /** whole messages that are a command (帮助, 目录, 更多 …) */
  commands: Record<Command, Set<string>>;
}

/**
 * The kinds of detail ask, as grammar-words.tsv names them (detail-date …) and intents carry them: what a passage must
 * hold to answer one (a date, a year, a percentage, a number of things, a named place), or what a plan never holds (how to apply).
 */
export const DETAIL_NEEDS = ['date', 'year', 'percent', 'amount', 'place', 'never'] as const;
export type DetailNeed = (typeof DETAIL_NEEDS)[number];

/** The commands a whole message can name. */
export type Command = 'help' | 'reset' | 'outline' | 'subscriptions' | 'status' | 'more' | 'source';
const COMMANDS: Command[] = ['help', 'reset', 'outline', 'subscriptions', 'status', 'more', 'source'];

const PLAIN_KINDS = [
  'classifier', 'count', 'deictic', 'where-verb', 'which', 'where-lead', 'where-tail', 'filler', 'say-verb', 'say-what', 'filler-en',
  'another-batch', 'previous-page', 'polite', 'switch', 'ask-lead', 'lead-particle', 'switch-tail', 'back-verb', 'back-when', 'back-noun', 'back-word', 'overall', 'off-topic',
  ...DETAIL_NEEDS.map((n) => `detail-${n}`),
  'scope-in',
  'amount-unit',
  'place-name',
  'ask-mark',
  ...COMMANDS.map((c) => `command-${c}`),
];
const UNITS: readonly string[] = ['part', 'section', 'box', 'item'];

const built = new WeakMap<Knowledge, GrammarWords>();

/** The grammar words of the loaded content, typed and checked once per Knowledge. */
export function grammarWords(k: Knowledge): GrammarWords {
  let g = built.get(k);
  if (!g) {
    g = buildGrammarWords(k.lexicon.grammarWords);
    built.set(k, g);
  }
  return g;
}

function invalid(kind: string, why: string): CodedError {
  return new CodedError('CONTENT_INVALID', `grammar-words.tsv: kind "${kind}": ${why}`);
}

/** Type the kind → words table of grammar-words.tsv; an unknown kind or a malformed value is a content error. */
export function buildGrammarWords(table: Map<string, string[]>): GrammarWords {
  const words = (kind: string) => table.get(kind) ?? [];
  const units = new Map<string, GenericUnit>();
  const enUnits = new Map<string, GenericUnit>();
  const enOrdinals = new Map<string, number>();
  const enNumbers = new Map<string, number>();
  const enCollections = new Map<string, string>();
  for (const [kind, ws] of table) {
    const [name, value] = kind.split(':') as [string, string | undefined];
    if (value === undefined) {
      if (!PLAIN_KINDS.includes(name)) throw invalid(kind, 'unknown kind');
      continue;
    }
    if (name === 'unit' || name === 'unit-en') {
      if (!UNITS.includes(value)) throw invalid(kind, `the unit must be one of ${UNITS.join(', ')}`);
      for (const w of ws) (name === 'unit' ? units : enUnits).set(w, value as GenericUnit);
    } else if (name === 'ordinal-en' || name === 'number-en') {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1) throw invalid(kind, 'the value must be a whole number from 1');
      for (const w of ws) (name === 'ordinal-en' ? enOrdinals : enNumbers).set(w, n);
    } else if (name === 'collection-en') {
      for (const w of ws) enCollections.set(w, value);
    } else throw invalid(kind, 'unknown kind');
  }
  // 讲的啥, 说了些什么, 写的是什么 …: a verb of saying with a question word is a question frame, whatever the pair
  const filler = [...words('filler')];
  for (const verb of words('say-verb')) for (const what of words('say-what')) filler.push(verb + what);
  return {
    units,
    classifiers: words('classifier'),
    countWords: words('count'),
    deictics: words('deictic'),
    whereVerbs: words('where-verb'),
    whichWords: words('which'),
    whereLeads: words('where-lead'),
    whereTails: words('where-tail'),
    filler,
    enFiller: new Set(words('filler-en')),
    enOrdinals,
    enNumbers,
    enUnits,
    enCollections,
    anotherBatch: new Set(words('another-batch')),
    previousPage: new Set(words('previous-page')),
    polite: words('polite'),
    switchMarks: words('switch'),
    askLeads: words('ask-lead'),
    leadParticles: words('lead-particle'),
    switchTails: words('switch-tail'),
    backVerbs: words('back-verb'),
    overall: new Set(words('overall')),
    offTopic: new MarkerSet(words('off-topic').map((w) => ({ parts: w.split(' … '), value: true as const }))),
    amountUnits: [...words('amount-unit')].sort((a, b) => b.length - a.length),
    askMarks: words('ask-mark'),
    placeNames: [...words('place-name')].sort((a, b) => b.length - a.length),
    scopeIn: [...words('scope-in')].sort((a, b) => b.length - a.length),
    detailAsks: new MarkerSet(DETAIL_NEEDS.flatMap((needs) => words(`detail-${needs}`).map((w) => ({ parts: w.split(' … '), value: needs })))),
    backWhen: words('back-when'),
    backNouns: words('back-noun'),
    backWords: words('back-word'),
    commands: Object.fromEntries(COMMANDS.map((c) => [c, new Set(words(`command-${c}`))])) as Record<Command, Set<string>>,
  };
}
