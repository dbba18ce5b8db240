import type { Passage } from '../../src/content/plan-schema.js';
import type { Library } from '../../src/match/library.js';
import { passageAddress, passageUrl } from '../../src/reply/passage-link.js';
import { EXCERPT_NOTE } from '../../src/reply/reply.js';
import { html, type SafeHtml } from './html.js';

/** How one passage is shown: where links start, whether it is the cited one, and whether it carries its anchor id. */
export interface PassageHtmlOptions {
  root: string;
  /** the cited passage: marked, and announced as current */
  current?: string;
  /** give each passage its local id as element id, so /plan/<plan>#<local-id> lands on it (false for a second copy) */
  anchors: boolean;
}

/** The local id of a passage (its anchor on the plan page), e.g. box14.i1. */
export function localIdOf(id: string): string {
  return passageAddress(id)?.localId ?? id;
}

/** The paragraphs of a passage's text, one <p> each. */
function paragraphs(text: string): SafeHtml[] {
  return text
    .split(/\n+/)
    .filter((l) => l.trim() !== '')
    .map((l) => html`<p>${l}</p>`);
}

function permalink(p: Passage, root: string): SafeHtml {
  const href = passageUrl(root, p.id);
  return href ? html` <a class="permalink" href="${href}" aria-label="${`本段链接:${p.title}`}">¶</a>` : html``;
}

function attrs(lib: Library, p: Passage, o: PassageHtmlOptions, kind: string): SafeHtml {
  const current = o.current === p.id;
  // a section's heading passage shares the section's id, and the section element holds that anchor
  return html`${o.anchors && !lib.node(p.id) ? html` id="${localIdOf(p.id)}"` : ''} class="passage ${kind}${current ? ' current' : ''}"${current ? html` aria-current="true"` : ''}`;
}

/** One passage as HTML: a box with its items, a 行动目标, a paragraph, or a heading the excerpt has no text for. */
export function passageHtml(lib: Library, p: Passage, o: PassageHtmlOptions): SafeHtml {
  switch (p.kind) {
    case 'box': {
      const items = lib.itemsOf(p.id);
      return html`<section${attrs(lib, p, o, 'box')} aria-label="${p.title}"><h4>${p.title}${permalink(p, o.root)}</h4>
${items.length ? html`<ol class="items">${items.map((it) => html`<li${attrs(lib, it, o, 'box-item')}>${paragraphs(it.text)}${permalink(it, o.root)}</li>`)}</ol>` : paragraphs(p.text)}
</section>`;
    }
    case 'box-item':
      return html`<div${attrs(lib, p, o, 'box-item')}>${paragraphs(p.text)}${permalink(p, o.root)}</div>`;
    case 'target':
      return html`<div${attrs(lib, p, o, 'target')}><h4>行动目标${permalink(p, o.root)}</h4>${paragraphs(p.text)}</div>`;
    case 'heading':
      // a section's own heading is the section's title already; a heading inside a section is shown with its words
      return lib.node(p.id)
        ? html`<p${attrs(lib, p, o, 'heading')}><span class="note">(${EXCERPT_NOTE})</span></p>`
        : html`<div${attrs(lib, p, o, 'heading')}><h4>${p.title}${permalink(p, o.root)}</h4><p class="note">(${EXCERPT_NOTE})</p></div>`;
    case 'paragraph':
      return html`<div${attrs(lib, p, o, 'paragraph')}>${paragraphs(p.text)}${permalink(p, o.root)}</div>`;
  }
}
