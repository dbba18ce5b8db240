import escapeHtml from 'escape-html';

/**
 * HTML built from a tagged template: every interpolated value is escaped by escape-html (& < > " '), unless it is
 * already SafeHtml built the same way. So nothing taken from the plan, a URL or a user can become markup.
 */
export class SafeHtml {
  constructor(readonly html: string) {}
  toString(): string {
    return this.html;
  }
}

/** What a template may interpolate: text (escaped), numbers, built HTML, lists of these; null/undefined/false render nothing. */
export type HtmlValue = string | number | SafeHtml | null | undefined | false | readonly HtmlValue[];

function render(v: HtmlValue): string {
  if (v === null || v === undefined || v === false) return '';
  if (v instanceof SafeHtml) return v.html;
  if (Array.isArray(v)) return v.map(render).join('');
  return escapeHtml(String(v));
}

/** Build HTML with every interpolation escaped: `html\`<p>${text}</p>\``. Attributes must be quoted with ". */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + strings[i + 1]!;
  return new SafeHtml(out);
}
