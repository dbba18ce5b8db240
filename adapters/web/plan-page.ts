import type { Part, Plan } from '../../src/content/plan-schema.js';
import type { Library } from '../../src/match/library.js';
import { planUrl } from '../../src/reply/passage-link.js';
import { html, type SafeHtml } from './html.js';
import { breadcrumb, renderPage } from './page-layout.js';
import { passageHtml } from './passage-html.js';

/** The anchor of a part or section on the plan page: its local id (p4, p4.s6), the same as its passage page's. */
function nodeAnchor(part: Part, section?: number): string {
  return section === undefined ? `p${part.n}` : `p${part.n}.s${section}`;
}

/** The plan's outline: its parts and their sections, each a link to its anchor on the plan page. */
export function outlineHtml(plan: Plan, root: string): SafeHtml {
  const page = planUrl(root, plan.meta.id);
  return html`<h2 id="outline-title">目录</h2>
<ol aria-labelledby="outline-title">${plan.parts.map(
    (part) => html`<li><a href="${page}#${nodeAnchor(part)}">${part.heading}</a>${
      part.sections.length ? html`<ol>${part.sections.map((s) => html`<li><a href="${page}#${nodeAnchor(part, s.n)}">${s.heading}</a></li>`)}</ol>` : ''
    }</li>`,
  )}</ol>`;
}

/** Who issued the plan, when, and where the text comes from, as a definition list. */
export function planFacts(plan: Plan): SafeHtml {
  const m = plan.meta;
  const facts = [
    ['发布', m.issuer],
    ['日期', m.date],
    ['来源', m.source],
  ].filter((f): f is [string, string] => Boolean(f[1]));
  return html`<dl class="facts">${facts.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>${m.excerpt ? html`<p class="note">本文为节选。</p>` : ''}`;
}

/** The passages of one part or section, in order. */
function passagesHtml(lib: Library, ids: readonly string[], root: string): SafeHtml[] {
  return ids.flatMap((id) => {
    const p = lib.passage(id);
    return p ? [passageHtml(lib, p, { root, anchors: true })] : [];
  });
}

/**
 * The whole plan as one page (GET /plan/<plan>): the outline beside it, then every part and section with its
 * passages, each passage with an anchor (its local id) and a link to its own page.
 */
export function renderPlanPage(lib: Library, plan: Plan, root: string): SafeHtml {
  const main = html`<h1>${plan.meta.title}</h1>
${planFacts(plan)}
${plan.parts.map(
    (part) => html`<section id="${nodeAnchor(part)}" class="part" aria-labelledby="h-${nodeAnchor(part)}">
<h2 id="h-${nodeAnchor(part)}">${part.heading}</h2>
${passagesHtml(lib, part.passageIds, root)}
${part.sections.map(
  (s) => html`<section id="${nodeAnchor(part, s.n)}" class="section" aria-labelledby="h-${nodeAnchor(part, s.n)}">
<h3 id="h-${nodeAnchor(part, s.n)}">${s.heading}</h3>
${passagesHtml(lib, s.passageIds, root)}
</section>`,
)}
</section>`,
  )}`;
  return renderPage({
    title: `${plan.meta.shortTitle ?? plan.meta.title} · plan-bot`,
    root,
    banner: breadcrumb([{ label: plan.meta.shortTitle ?? plan.meta.title }]),
    aside: outlineHtml(plan, root),
    main,
    bodyClass: 'reader',
  });
}
