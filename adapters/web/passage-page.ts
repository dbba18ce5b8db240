import type { Passage, Plan } from '../../src/content/plan-schema.js';
import type { PlanElement } from '../../src/content/plan-tree.js';
import type { HeadingNode, Library } from '../../src/match/library.js';
import { passageUrl, planUrl } from '../../src/reply/passage-link.js';
import { html, type SafeHtml } from './html.js';
import { breadcrumb, renderPage } from './page-layout.js';
import { localIdOf, passageHtml } from './passage-html.js';

/** One step of a passage's breadcrumb. */
interface Step {
  label: string;
  href?: string;
}

/** The part and section nodes a passage or node sits in (part 0, the preamble, has no node). */
function placeOf(lib: Library, planId: string, part: number, section: number | undefined): { part?: HeadingNode; section?: HeadingNode } {
  const partNode = lib.node(`${planId}:p${part}`);
  const sectionNode = section !== undefined ? lib.node(`${planId}:p${part}.s${section}`) : undefined;
  return { ...(partNode ? { part: partNode } : {}), ...(sectionNode ? { section: sectionNode } : {}) };
}

function nodeStep(node: HeadingNode | undefined, root: string): Step[] {
  return node ? [{ label: node.heading, href: passageUrl(root, node.id) }] : [];
}

/** plan › part › section › box › this element: each a link to its own page, the last the current page. */
function trail(lib: Library, plan: Plan, e: PlanElement, root: string): Step[] {
  const steps: Step[] = [{ label: plan.meta.shortTitle ?? plan.meta.title, href: planUrl(root, plan.meta.id) }];
  if (e.kind === 'node') {
    if (e.node.kind === 'section') steps.push(...nodeStep(lib.node(`${plan.meta.id}:p${e.node.part.n}`), root));
    steps.push({ label: e.node.heading });
    return steps;
  }
  const p = e.passage;
  const place = placeOf(lib, plan.meta.id, p.part, p.section);
  steps.push(...nodeStep(place.part, root), ...nodeStep(place.section, root));
  const box = p.parentId ? lib.passage(p.parentId) : undefined;
  if (box) steps.push({ label: box.title, href: passageUrl(root, box.id) });
  steps.push({ label: p.title });
  return steps;
}

function passages(lib: Library, ids: readonly string[]): Passage[] {
  return ids.map((id) => lib.passage(id)).filter((p): p is Passage => Boolean(p));
}

/** Links to a node's sections (a part's page), the current one marked. */
function sectionLinks(lib: Library, part: HeadingNode, root: string, current?: string): SafeHtml {
  const nodes = part.part.sections.map((s) => lib.node(`${part.id}.s${s.n}`)).filter((n): n is HeadingNode => Boolean(n));
  if (!nodes.length) return html``;
  return html`<ol class="sections">${nodes.map((n) =>
    n.id === current ? html`<li class="current" aria-current="true">${n.heading}</li>` : html`<li><a href="${passageUrl(root, n.id)}">${n.heading}</a></li>`,
  )}</ol>`;
}

/** The cited element in full: a passage, or a part/section node with its own passages. */
function citedHtml(lib: Library, e: PlanElement, root: string): SafeHtml {
  if (e.kind === 'passage') return passageHtml(lib, e.passage, { root, anchors: true, current: e.passage.id });
  const own = e.node.section ? e.node.section.passageIds : e.node.part.passageIds;
  return html`${passages(lib, own).map((p) => passageHtml(lib, p, { root, anchors: true }))}${e.node.kind === 'part' ? sectionLinks(lib, e.node, root) : ''}`;
}

/** Where the element sits, shown around it: a box item's box, a passage's section (or part), a section's part. */
function contextHtml(lib: Library, plan: Plan, e: PlanElement, root: string): SafeHtml {
  if (e.kind === 'node') {
    if (e.node.kind !== 'section') return html``;
    const part = lib.node(`${plan.meta.id}:p${e.node.part.n}`);
    return part ? html`<section class="context" aria-labelledby="ctx-title"><h2 id="ctx-title">所在部分:${part.heading}</h2>${sectionLinks(lib, part, root, e.node.id)}</section>` : html``;
  }
  const p = e.passage;
  const box = p.parentId ? lib.passage(p.parentId) : undefined;
  if (box) return html`<section class="context" aria-labelledby="ctx-title"><h2 id="ctx-title">所在专栏:${box.title}</h2>${passageHtml(lib, box, { root, anchors: false, current: p.id })}</section>`;
  const place = placeOf(lib, plan.meta.id, p.part, p.section);
  const unit = place.section ?? place.part;
  const ids = unit?.section ? unit.section.passageIds : (plan.parts.find((x) => x.n === p.part)?.passageIds ?? []);
  const around = passages(lib, ids);
  if (around.length < 2) return html``;
  return html`<section class="context" aria-labelledby="ctx-title"><h2 id="ctx-title">上下文:${unit?.heading ?? plan.parts.find((x) => x.n === p.part)?.heading ?? ''}</h2>
${around.map((x) => passageHtml(lib, x, { root, anchors: false, current: p.id }))}
</section>`;
}

/** The title a page gives an element: a node's heading, a passage's title. */
function titleOf(e: PlanElement): string {
  return e.kind === 'node' ? e.node.heading : e.passage.title;
}

/**
 * One passage's page (GET /p/<plan>/<local-id>): its breadcrumb, the passage itself in full and highlighted, a link
 * to it in the whole plan, then the section (or box) around it with the passage marked in place.
 */
export function renderPassagePage(lib: Library, plan: Plan, e: PlanElement, root: string): SafeHtml {
  const id = e.kind === 'node' ? e.node.id : e.passage.id;
  const main = html`<article class="cited" aria-labelledby="cited-title">
<h1 id="cited-title">${titleOf(e)}</h1>
${citedHtml(lib, e, root)}
<p class="in-plan"><a href="${planUrl(root, plan.meta.id)}#${localIdOf(id)}">在规划全文中查看</a></p>
</article>
${contextHtml(lib, plan, e, root)}`;
  return renderPage({ title: `${titleOf(e)} · ${plan.meta.shortTitle ?? plan.meta.title}`, root, banner: breadcrumb(trail(lib, plan, e, root)), main, bodyClass: 'reader passage-page' });
}

/** The page for a link to a passage (or plan) that does not exist (any more): 404, with the way back to the outline. */
export function renderNotFoundPage(plans: readonly Plan[], root: string, plan?: Plan): SafeHtml {
  const links = (plan ? [plan] : plans).map((p) => html`<li><a href="${planUrl(root, p.meta.id)}">${p.meta.shortTitle ?? p.meta.title}:目录与全文</a></li>`);
  const main = html`<h1>没有找到这一段</h1>
<p>链接指向的段落不存在,可能是规划内容已更新。请从目录中查找:</p>
<ul class="back">${links}</ul>`;
  return renderPage({ title: '没有找到 · plan-bot', root, banner: breadcrumb([{ label: '没有找到' }]), main, bodyClass: 'reader' });
}
