import { childrenOf, elementTitle, type PlanElement } from '../content/plan-tree.js';
import type { Knowledge } from '../knowledge.js';
import type { UnitKey } from './structure-ref-types.js';
import { grammarWords } from './grammar-words.js';

/**
 * The words of the structural grammar that come from the loaded plans, never from code: the titles of parts,
 * sections and boxes (主攻方向, 优先行动, 人工智能社会治理实验工程), and the unit nouns a plan counts in (方向, 行动,
 * 工程, 重点工程), derived from the common endings of a node's title or of its members' titles.
 */
export interface StructureVocab {
  /** compact normalised title → element id (part, section or box) */
  named: Map<string, string>;
  /** element id → its unit kind, so "优先行动部分" reads 部分 as naming the part itself */
  namedKind: Map<string, 'part' | 'section' | 'box'>;
  /** titles of nodes that list members (优先行动 → members:<its id>): "属于哪个优先行动" */
  listTitles: Map<string, UnitKey>;
  /** derived unit noun → the collection it counts */
  units: Map<string, UnitKey>;
  /** the collection → the word to name it with in answers (行动, 方向, 专栏 …) */
  unitWords: Map<UnitKey, string>;
}

const vocabs = new WeakMap<Knowledge, StructureVocab>();
/** The longest heading still read as the name of a list (主攻方向, 现状与形势, 保障措施). */
const MAX_LIST_NAME = 6;

const compact = (k: Knowledge, s: string) => k.normalize(s).replace(/\s+/g, '');
const tail = (s: string) => s.slice(-2);

/** The two-character ending most of the titles share, when at least half of them (and two, unless there is one) do. */
function commonEnding(titles: string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const t of titles) if (t.length >= 3) counts.set(tail(t), (counts.get(tail(t)) ?? 0) + 1);
  let best: [string, number] | undefined;
  for (const e of counts) if (!best || e[1] > best[1]) best = e;
  if (!best || /[\d\s]/.test(best[0])) return undefined;
  return best[1] * 2 >= titles.length && (best[1] >= 2 || titles.length === 1) ? best[0] : undefined;
}

/** A box's name without its "专栏N" label. */
export function boxName(title: string): string {
  return title.replace(/^专栏\s*\d+\s*/, '');
}

/** The derived vocabulary of the loaded plans, built once per Knowledge. */
export function structureVocab(k: Knowledge): StructureVocab {
  let v = vocabs.get(k);
  if (v) return v;
  const lib = k.library;
  const named = new Map<string, string>();
  const namedKind = new Map<string, 'part' | 'section' | 'box'>();
  const listTitles = new Map<string, UnitKey>();
  const units = new Map<string, UnitKey>();
  const unitWords = new Map<UnitKey, string>();
  const generic = grammarWords(k).units;
  const addUnit = (word: string, key: UnitKey) => {
    if (word.length < 2 || generic.has(word) || units.has(word)) return;
    units.set(word, key);
    if (!unitWords.has(key)) unitWords.set(key, word);
  };
  const nodes = lib.allNodes();
  for (const n of nodes) {
    const t = compact(k, n.title);
    if (t.length >= 2 && !named.has(t)) named.set(t, n.id);
    namedKind.set(n.id, n.kind);
  }
  const boxes = lib.passages.filter((p) => p.kind === 'box');
  for (const b of boxes) {
    const t = compact(k, boxName(b.title));
    if (t.length >= 2 && !named.has(t)) named.set(t, b.id);
    namedKind.set(b.id, 'box');
  }
  // boxes first: their common ending (工程), and that ending with the word before it in a heading (重点工程)
  const boxEnding = commonEnding(boxes.map((b) => compact(k, boxName(b.title))));
  if (boxEnding) {
    addUnit(boxEnding, 'box');
    for (const n of nodes) {
      const t = compact(k, n.title);
      for (let i = t.indexOf(boxEnding); i >= 2; i = t.indexOf(boxEnding, i + 1)) addUnit(t.slice(i - 2, i + 2), 'box');
    }
  }
  // then collections a node's members share an ending in (优先行动's sections all end in 行动) …
  const listed: [string, PlanElement[]][] = nodes.map((n) => [n.id, childrenOf(lib, { kind: 'node', node: n })]);
  for (const [id, members] of listed) {
    if (members.length < 2 || members.some((m) => m.kind !== 'node')) continue;
    const ending = commonEnding(members.map((m) => compact(k, elementTitle(m))));
    if (ending) addUnit(ending, `members:${id}`);
  }
  // … and last the ending of a list's own short name (主攻方向 → 方向, 发展目标 → 目标); a long heading such as
  // 建设泛在智联的数字基础设施体系 describes its content and names no unit
  for (const [id, members] of listed) {
    const t = compact(k, lib.node(id)!.title);
    if (members.length < 2 || t.length > MAX_LIST_NAME) continue;
    addUnit(tail(t), `members:${id}`);
    if (!listTitles.has(t)) listTitles.set(t, `members:${id}`);
  }
  v = { named, namedKind, listTitles, units, unitWords };
  vocabs.set(k, v);
  return v;
}

/** The element ids a vocabulary names, for tests and for the English reader (glossary terms that are titles). */
export function namedId(v: StructureVocab, k: Knowledge, text: string): string | undefined {
  return v.named.get(compact(k, text));
}
