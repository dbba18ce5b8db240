import type { Plan } from '../../src/content/plan-schema.js';
import type { Suggestion } from '../../src/reply/reply.js';
import { planUrl } from '../../src/reply/passage-link.js';
import { html, type SafeHtml } from './html.js';
import { ASSET_PATHS, renderPage } from './page-layout.js';
import { WEB_MESSAGES_PATH } from './web-messages.js';

/**
 * The local web chat (GET /): a conversation log, a question box and a few first questions (drawn from the plan,
 * as the Slack assistant's prompts and the Teams prompt starters are). The page holds no script
 * of its own: /web/chat.js (CSP script-src 'self') posts each message to /web/messages and renders the answers.
 */
export function renderChatPage(plans: readonly Plan[], root: string, starters: readonly Suggestion[]): SafeHtml {
  const first = plans[0];
  const main = html`<h1>plan-bot</h1>
<p class="lead">问一问${first ? first.meta.title : '规划'}:输入主题词或问题,回答列出相关段落和它们在规划中的位置。</p>
<section class="chat" aria-labelledby="log-title">
<h2 id="log-title" class="visually-hidden">对话</h2>
<ol id="log" class="log" aria-live="polite" data-endpoint="${root}${WEB_MESSAGES_PATH}"></ol>
<p class="starters" id="starters">试试:${starters.map((s) => html`<button type="button" class="starter" data-value="${s.value}">${s.label}</button> `)}</p>
<form id="ask" class="ask" method="post" action="#">
<label for="q">问题</label>
<input id="q" name="q" type="text" maxlength="500" autocomplete="off" required placeholder="例如:应急管理">
<button type="submit">发送</button>
</form>
<noscript><p class="note">聊天需要启用 JavaScript。${first ? html`不用脚本也可以<a href="${planUrl(root, first.meta.id)}">阅读规划全文</a>。` : ''}</p></noscript>
</section>
${first ? html`<p class="in-plan"><a href="${planUrl(root, first.meta.id)}">阅读规划全文与目录</a></p>` : ''}`;
  return renderPage({ title: 'plan-bot · 本地聊天', root, main, scripts: [ASSET_PATHS.chatScript], bodyClass: 'chat-page' });
}
