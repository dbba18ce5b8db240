import { html, type HtmlValue, type SafeHtml } from './html.js';

/** Where the web adapter's own files live under the site root (styles, the chat script). */
export const ASSET_PATHS = { style: '/web/plan-bot.css', icon: '/web/icon.svg', chatScript: '/web/chat.js' } as const;

export interface PageParts {
  /** the document title (escaped here) */
  title: string;
  /** the path PUBLIC_URL is mounted at ('' at the root): every link on the page starts with it */
  root: string;
  /** the breadcrumb or other banner navigation, already built */
  banner?: HtmlValue;
  /** the page's main content, already built */
  main: HtmlValue;
  /** a navigation beside the main content (the outline), already built */
  aside?: HtmlValue;
  /** our own script files to load (CSP script-src 'self'); none for the reader, which works without JavaScript */
  scripts?: readonly string[];
  /** a class on <body>, for the stylesheet */
  bodyClass?: string;
}

/** One accessible HTML page (lang zh-CN, landmarks, a skip link): the frame every reader and chat page shares. */
export function renderPage(p: PageParts): SafeHtml {
  return html`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${p.title}</title>
<link rel="stylesheet" href="${p.root}${ASSET_PATHS.style}">
<link rel="icon" href="${p.root}${ASSET_PATHS.icon}" type="image/svg+xml">
${(p.scripts ?? []).map((s) => html`<script src="${p.root}${s}" defer></script>\n`)}</head>
<body class="${p.bodyClass ?? ''}">
<a class="skip" href="#main">跳到正文</a>
<header class="banner">
<p class="brand"><a href="${p.root}/">plan-bot</a></p>
${p.banner}
</header>
<div class="layout">
${p.aside ? html`<nav class="outline" aria-label="目录">${p.aside}</nav>` : ''}
<main id="main" tabindex="-1">
${p.main}
</main>
</div>
<footer class="site-footer"><p>plan-bot · 规划原文以正式发布文本为准</p></footer>
</body>
</html>
`;
}

/** A breadcrumb trail: each step a link but the last, which is the current page (aria-current). */
export function breadcrumb(steps: readonly { label: string; href?: string }[]): SafeHtml {
  return html`<nav class="breadcrumb" aria-label="位置"><ol>${steps.map((s, i) =>
    i === steps.length - 1 || !s.href ? html`<li><span aria-current="${i === steps.length - 1 ? 'page' : 'false'}">${s.label}</span></li>` : html`<li><a href="${s.href}">${s.label}</a></li>`,
  )}</ol></nav>`;
}
