import type { HeadingNode, Library } from '../match/library.js';
import type { Passage } from './plan-schema.js';

/** One place in the plan a reference can land on: a part or section node, or a passage (box, item, paragraph …). */
export type PlanElement = { kind: 'node'; node: HeadingNode } | { kind: 'passage'; passage: Passage };

/** The unit kinds every plan of this style has; collections a plan names itself are `members:<node id>`. */
export type UnitKind = 'part' | 'section' | 'box' | 'item';

/** Stable id of an element (what lists, context and buttons hold). */
export function elementId(e: PlanElement): string {
  return e.kind === 'node' ? e.node.id : e.passage.id;
}

/** The element an id names; a section's heading passage shares its node's id, and the node wins. */
export function elementById(lib: Library, id: string): PlanElement | undefined {
  const node = lib.node(id);
  if (node) return { kind: 'node', node };
  const passage = lib.passage(id);
  return passage ? { kind: 'passage', passage } : undefined;
}

/** Display title of an element: a node's heading, a passage's title. */
export function elementTitle(e: PlanElement): string {
  return e.kind === 'node' ? e.node.heading : e.passage.title;
}

/** The kind of unit an element is, for "the box it is in" and for naming counts. */
export function unitOf(e: PlanElement): UnitKind {
  if (e.kind === 'node') return e.node.kind;
  return e.passage.kind === 'box' ? 'box' : 'item';
}

const asPassage = (passage: Passage): PlanElement => ({ kind: 'passage', passage });
const asNode = (node: HeadingNode): PlanElement => ({ kind: 'node', node });

/**
 * Whether a passage opens its node rather than being one of its entries: the first paragraph, when its lead
 * sentence is too long to be a heading (the parser clips such titles), as in 三、主攻方向's opening paragraph.
 */
export function isIntro(p: Passage, index: number): boolean {
  return index === 0 && p.kind === 'paragraph' && p.title.endsWith('…');
}

/** The entries of a node's own passages: paragraphs and headings, without the opening paragraph, boxes or goals. */
function entries(lib: Library, ids: string[]): PlanElement[] {
  const ps = ids.map((id) => lib.passage(id)).filter((p): p is Passage => Boolean(p));
  return ps.filter((p, i) => (p.kind === 'paragraph' || p.kind === 'heading') && !isIntro(p, i)).map(asPassage);
}

/** Every part of every loaded plan, in order. */
export function allParts(lib: Library): PlanElement[] {
  return lib.allNodes().filter((n) => n.kind === 'part').map(asNode);
}

/** Every section of every loaded plan, in order. */
export function allSections(lib: Library): PlanElement[] {
  return lib.allNodes().filter((n) => n.kind === 'section').map(asNode);
}

function sectionNodes(lib: Library, node: HeadingNode): PlanElement[] {
  return node.part.sections.map((s) => lib.node(`${node.id}.s${s.n}`)).filter((n): n is HeadingNode => Boolean(n)).map(asNode);
}

/** What an element lists, one level down: a part's sections (or entries), a section's entries, a box's items; the root lists the parts. */
export function childrenOf(lib: Library, e: PlanElement | 'root'): PlanElement[] {
  if (e === 'root') return allParts(lib);
  if (e.kind === 'passage') return e.passage.kind === 'box' ? lib.itemsOf(e.passage.id).map(asPassage) : [];
  const node = e.node;
  if (node.kind === 'part') {
    const sections = sectionNodes(lib, node);
    return sections.length ? sections : entries(lib, node.part.passageIds);
  }
  return entries(lib, node.section?.passageIds ?? []);
}

/** The boxes inside an element (all boxes for the root), in order. */
export function boxesIn(lib: Library, e: PlanElement | 'root'): PlanElement[] {
  const boxes = lib.passages.filter((p) => p.kind === 'box');
  if (e === 'root') return boxes.map(asPassage);
  if (e.kind === 'passage') return [];
  const n = e.node;
  return boxes.filter((b) => b.planId === n.plan.meta.id && b.part === n.part.n && (!n.section || b.section === n.section.n)).map(asPassage);
}

/** The node or box that directly holds an element: item → box, passage → section (or part), section → part. */
export function containerOf(lib: Library, e: PlanElement): PlanElement | undefined {
  if (e.kind === 'node') {
    if (e.node.kind === 'part') return undefined;
    const part = lib.node(`${e.node.plan.meta.id}:p${e.node.part.n}`);
    return part ? asNode(part) : undefined;
  }
  const p = e.passage;
  if (p.parentId) {
    const box = lib.passage(p.parentId);
    if (box) return asPassage(box);
  }
  const node = (p.section !== undefined ? lib.node(`${p.planId}:p${p.part}.s${p.section}`) : undefined) ?? lib.node(`${p.planId}:p${p.part}`);
  if (!node) return undefined;
  // a section the excerpt lists without body is its own heading passage: its holder is the part
  return node.id === p.id ? containerOf(lib, asNode(node)) : asNode(node);
}

/** The element itself or the nearest element above it of a unit kind (the box an item is in, the part of a passage). */
export function ancestorOf(lib: Library, e: PlanElement, unit: UnitKind): PlanElement | undefined {
  for (let at: PlanElement | undefined = e; at; at = containerOf(lib, at)) if (unitOf(at) === unit) return at;
  return undefined;
}

/** Whether `inner` sits inside `outer` (or is it). */
export function isWithin(lib: Library, inner: PlanElement, outer: PlanElement): boolean {
  const id = elementId(outer);
  for (let at: PlanElement | undefined = inner; at; at = containerOf(lib, at)) if (elementId(at) === id) return true;
  return false;
}

/** The list an element is counted in, for 下一个 / 上一个: its box's items, the plan's boxes, its part's sections, its node's entries. */
export function siblingsOf(lib: Library, e: PlanElement): PlanElement[] {
  if (e.kind === 'node') {
    const planId = e.node.plan.meta.id;
    const parent = containerOf(lib, e);
    if (parent) return childrenOf(lib, parent);
    return allParts(lib).filter((x) => x.kind === 'node' && x.node.plan.meta.id === planId);
  }
  const p = e.passage;
  if (p.kind === 'box') return boxesIn(lib, 'root').filter((b) => b.kind === 'passage' && b.passage.planId === p.planId);
  const parent = containerOf(lib, e);
  if (!parent) return [e];
  const kids = childrenOf(lib, parent);
  if (kids.some((k) => elementId(k) === p.id)) return kids;
  if (parent.kind === 'node') return lib.passagesUnder(parent.node).filter((x) => x.kind !== 'box').map(asPassage);
  return [e];
}

/** The number an element carries in its list: part and section numbers, box and item numbers, else its position. */
export function labelOf(e: PlanElement, position: number): number {
  if (e.kind === 'node') return e.node.kind === 'part' ? e.node.part.n : e.node.section?.n ?? position;
  return e.passage.kind === 'box' ? e.passage.box ?? position : e.passage.kind === 'box-item' ? e.passage.item ?? position : position;
}

/** The breadcrumb of an element inside its plan (headings, then the box, then the element itself). */
export function breadcrumb(e: PlanElement): string[] {
  if (e.kind === 'node') return [...e.node.path, e.node.heading];
  const p = e.passage;
  return p.kind === 'heading' && p.path.length && p.path[p.path.length - 1]!.endsWith(p.title) ? p.path : [...p.path, p.title];
}
