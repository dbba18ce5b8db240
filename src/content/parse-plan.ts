import { CodedError } from '../errors.js';
import { parseChineseNumeral } from './chinese-numeral.js';
import { Plan, type Passage, type Part, type PlanMeta, type Section } from './plan-schema.js';

/** What the text itself says about the plan (title, chapter, issuing line, date); the metadata file may add to it. */
export interface ParsedHeader {
  title?: string;
  chapter?: string;
  issuer?: string;
  date?: string;
  excerpt: boolean;
}

export interface ParseOptions {
  /** Turns raw text into the form shown to users (e.g. the variant 臵 → 置); the raw file stays untouched. */
  display?: (s: string) => string;
}

const PART_RE = /^([一二三四五六七八九十]+)、\s*(.+)$/;
const SECTION_RE = /^[(（]([一二三四五六七八九十]+)[)）]\s*(.+)$/;
const BOX_RE = /^专栏\s*(\d+)\s*(.*)$/;
const ITEM_RE = /^(\d+)\s*[.．、]\s*(.+)$/;
const TARGET_RE = /^行动目标\s*[:：]\s*(.+)$/;
const CHAPTER_RE = /^第[一二三四五六七八九十百\d]+章\s*.*/;
const TITLE_RE = /^《(.+?)》\s*([(（]节选[)）])?\s*$/;
const DATE_RE = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$/;
const NAV_RE = /^(上一篇|下一篇)[:：]/;
/** A one-sentence line this short is a heading whose body the excerpt leaves out. */
const HEADING_ONLY_MAX = 40;

/** The lead sentence of a paragraph (up to and including the first 。), which the plan uses as the paragraph's title. */
export function leadSentence(text: string): string {
  const i = text.search(/[。!?!?]/);
  return i >= 0 ? text.slice(0, i + 1) : text;
}

function clip(s: string, n: number): string {
  return s.length <= n ? s : s.slice(0, n - 1) + '…';
}

/** Split 行动目标 text into its years: "到2023年,A;到2025年,B" → {2023: A, 2025: B}. */
export function parseTargetYears(text: string): Record<string, string> {
  const years: Record<string, string> = {};
  const re = /到\s*(\d{4})\s*年\s*[,，]?\s*/g;
  const marks = [...text.matchAll(re)];
  marks.forEach((m, i) => {
    const start = (m.index ?? 0) + m[0].length;
    const end = i + 1 < marks.length ? marks[i + 1]!.index! : text.length;
    const goal = text.slice(start, end).replace(/[;；。\s]+$/, '');
    if (m[1] && goal) years[m[1]] = goal + '。';
  });
  return years;
}

/**
 * Parse a plan text of this style (一、 parts, (一) sections, 专栏 boxes with numbered items, 行动目标 lines)
 * into a zod-validated tree. Nothing here is specific to one plan.
 */
export function parsePlan(raw: string, meta: PlanMeta, options: ParseOptions = {}): { plan: Plan; header: ParsedHeader } {
  const display = options.display ?? ((s: string) => s);
  const lines = raw
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((l) => l.replace(/[\u3000\t ]+/g, ' ').trim())
    .filter((l) => l.length > 0);

  const header: ParsedHeader = { excerpt: false };
  // Trailer: navigation links, date line and the issuing line before it.
  while (lines.length && NAV_RE.test(lines[lines.length - 1]!)) lines.pop();
  const last = lines[lines.length - 1];
  const dm = last ? DATE_RE.exec(last) : null;
  if (dm) {
    header.date = `${dm[1]}-${dm[2]!.padStart(2, '0')}-${dm[3]!.padStart(2, '0')}`;
    lines.pop();
    const issuer = lines[lines.length - 1];
    if (issuer && !/[。;;]$/.test(issuer) && /[、部委会院局办厅]/.test(issuer) && issuer.length < 200) {
      header.issuer = issuer;
      lines.pop();
    }
  }

  const planId = meta.id;
  const passages: Passage[] = [];
  const parts: Part[] = [];
  let order = 0;
  let part: Part = { n: 0, heading: '前言', title: '前言', passageIds: [], sections: [] };
  let section: Section | undefined;
  let box: Passage | undefined;
  let paraCount = 0;
  let started = false;

  const here = (): string[] => {
    const p: string[] = [];
    if (part.n > 0) p.push(part.heading);
    if (section) p.push(section.heading);
    return p;
  };
  const scopeId = (): string => `${planId}:p${part.n}${section ? `.s${section.n}` : ''}`;
  const add = (p: Omit<Passage, 'order' | 'planId'>): Passage => {
    const full: Passage = { ...p, planId, order: order++ };
    passages.push(full);
    if (full.kind !== 'box-item') (section ? section.passageIds : part.passageIds).push(full.id);
    return full;
  };
  const closeScope = () => {
    box = undefined;
  };
  const pushPart = () => {
    if (part.n > 0 || part.passageIds.length > 0) parts.push(part);
  };

  for (const line of lines) {
    if (!started) {
      if (CHAPTER_RE.test(line) && !header.chapter) {
        header.chapter = line;
        continue;
      }
      const tm = TITLE_RE.exec(line);
      if (tm && !header.title) {
        header.title = `《${tm[1]}》`;
        header.excerpt = Boolean(tm[2]);
        continue;
      }
    }
    started = true;

    const pm = PART_RE.exec(line);
    if (pm && parseChineseNumeral(pm[1]!) !== undefined && line.length <= 60) {
      closeScope();
      pushPart();
      const n = parseChineseNumeral(pm[1]!)!;
      part = { n, heading: `${pm[1]}、${display(pm[2]!)}`, title: display(pm[2]!), passageIds: [], sections: [] };
      section = undefined;
      paraCount = 0;
      continue;
    }
    const sm = SECTION_RE.exec(line);
    if (sm && parseChineseNumeral(sm[1]!) !== undefined && line.length <= 60) {
      closeScope();
      const n = parseChineseNumeral(sm[1]!)!;
      section = { n, heading: `(${sm[1]})${display(sm[2]!)}`, title: display(sm[2]!), passageIds: [] };
      part.sections.push(section);
      paraCount = 0;
      continue;
    }
    const bm = BOX_RE.exec(line);
    if (bm) {
      const n = Number(bm[1]);
      const name = display(bm[2] ?? '').trim() || `专栏 ${n}`;
      box = add({
        id: `${planId}:box${n}`,
        kind: 'box',
        title: `专栏${n} ${name}`,
        text: '',
        path: here(),
        part: part.n,
        section: section?.n,
        box: n,
      });
      continue;
    }
    const im = box ? ITEM_RE.exec(line) : null;
    if (box && im) {
      const item = Number(im[1]);
      const body = display(im[2]!);
      add({
        id: `${box.id}.i${item}`,
        kind: 'box-item',
        title: leadSentence(body),
        text: body,
        path: [...box.path, box.title],
        part: part.n,
        section: section?.n,
        box: box.box,
        item,
        parentId: box.id,
      });
      box.text += (box.text ? '\n' : '') + `${item}. ${leadSentence(body)}`;
      continue;
    }
    closeScope();
    const tg = TARGET_RE.exec(line);
    if (tg) {
      const body = display(tg[1]!);
      const name = section?.title ?? part.title;
      add({
        id: `${scopeId()}.target`,
        kind: 'target',
        title: `${name} · 行动目标`,
        text: body,
        path: here(),
        part: part.n,
        section: section?.n,
        years: parseTargetYears(body),
      });
      continue;
    }
    paraCount += 1;
    const body = display(line);
    const lead = leadSentence(body);
    // a short single sentence with no comma is a heading whose body the excerpt leaves out; one with commas says something
    const headingOnly = lead === body && body.length <= HEADING_ONLY_MAX && /。$/.test(body) && !/[,，;；:：]/.test(body);
    add({
      id: `${scopeId()}.para${paraCount}`,
      kind: headingOnly ? 'heading' : 'paragraph',
      title: lead.length <= HEADING_ONLY_MAX ? lead : clip(lead, 32),
      text: headingOnly ? '' : body,
      path: here(),
      part: part.n,
      section: section?.n,
    });
  }
  closeScope();
  pushPart();

  // Sections and parts the excerpt lists without any body become heading passages, so they can be cited honestly.
  for (const p of parts) {
    if (p.n === 0) continue;
    for (const s of p.sections) {
      if (s.passageIds.length === 0) {
        const h: Passage = {
          id: `${planId}:p${p.n}.s${s.n}`,
          planId,
          kind: 'heading',
          title: s.title,
          text: '',
          path: [p.heading, s.heading],
          part: p.n,
          section: s.n,
          order: 0,
        };
        passages.push(h);
        s.passageIds.push(h.id);
      }
    }
    if (p.sections.length === 0 && p.passageIds.length === 0) {
      const h: Passage = { id: `${planId}:p${p.n}`, planId, kind: 'heading', title: p.title, text: '', path: [p.heading], part: p.n, order: 0 };
      passages.push(h);
      p.passageIds.push(h.id);
    }
  }
  // Document order for the added headings: renumber by walking the tree.
  const byId = new Map(passages.map((x) => [x.id, x]));
  const ordered: Passage[] = [];
  const visit = (id: string) => {
    const x = byId.get(id);
    if (!x) return;
    ordered.push(x);
    if (x.kind === 'box') for (const c of passages) if (c.parentId === id) ordered.push(c);
  };
  for (const p of parts) {
    p.passageIds.forEach(visit);
    for (const s of p.sections) s.passageIds.forEach(visit);
  }
  ordered.forEach((x, i) => (x.order = i));

  if (ordered.length === 0) throw new CodedError('CONTENT_INVALID', `plan ${planId}: no passages found; is the text in the 一、/(一)/专栏 style?`);
  const result = Plan.safeParse({ meta, parts, passages: ordered });
  if (!result.success) {
    throw new CodedError('CONTENT_INVALID', `plan ${planId}: parsed tree is invalid: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const ids = new Set<string>();
  for (const x of result.data.passages) {
    if (ids.has(x.id)) throw new CodedError('CONTENT_INVALID', `plan ${planId}: two passages share the id ${x.id}; check the numbering of parts, sections and boxes`);
    ids.add(x.id);
  }
  return { plan: result.data, header };
}
