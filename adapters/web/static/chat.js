// plan-bot's local web chat: posts each message to the server and shows the answer. Served from /web/chat.js
// (CSP script-src 'self'). Every piece of text goes into the page through textContent, never as HTML.
'use strict';

(() => {
  const log = document.getElementById('log');
  const form = document.getElementById('ask');
  const input = document.getElementById('q');
  const endpoint = log.dataset.endpoint;

  /** This tab's conversation: an id kept in sessionStorage, so each tab has its own context. */
  function tabId() {
    const key = 'plan-bot-tab';
    let id = sessionStorage.getItem(key);
    if (!id || !/^[A-Za-z0-9_-]{8,64}$/.test(id)) {
      const bytes = new Uint8Array(16);
      crypto.getRandomValues(bytes);
      id = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
      sessionStorage.setItem(key, id);
    }
    return id;
  }

  /** An element with a class and, optionally, text (as text). */
  function el(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  /** Text cut at the highlighted words: plain pieces as text nodes, highlighted ones in <mark>. */
  function segments(parent, segs) {
    for (const s of segs) {
      if (s.highlighted) parent.appendChild(el('mark', '', s.text));
      else parent.appendChild(document.createTextNode(s.text));
    }
    return parent;
  }

  function button(b) {
    const e = el('button', b.kind, b.label);
    e.type = 'button';
    e.dataset.value = b.value;
    e.dataset.kind = b.kind;
    return e;
  }

  function card(c) {
    const art = el('article', 'card');
    const h = el('h4');
    if (c.n !== undefined) h.appendChild(document.createTextNode(`${c.n}. `));
    art.appendChild(segments(h, c.title));
    if (c.path.length) art.appendChild(el('p', 'path', c.path.join(' › ')));
    if (c.body.length) art.appendChild(segments(el('p', 'body'), c.body));
    if (c.note) art.appendChild(el('p', 'note', `(${c.note})`));
    const foot = el('p', 'source');
    if (c.url) {
      const a = el('a', 'passage-link', '查看原文');
      a.href = c.url;
      foot.appendChild(a);
    }
    if (c.expand) {
      const row = el('span', 'buttons');
      row.appendChild(button(c.expand));
      foot.appendChild(row);
    }
    if (foot.childNodes.length) art.appendChild(foot);
    return art;
  }

  function showReply(r) {
    const li = el('li', 'msg-bot');
    li.dataset.intent = r.intent;
    if (r.notice) li.appendChild(el('p', 'notice', r.notice));
    if (r.title) li.appendChild(el('h3', '', r.title));
    for (const c of r.cards) li.appendChild(card(c));
    if (r.footer) li.appendChild(el('p', 'footer note', r.footer));
    if (r.buttons.length) {
      const row = el('div', 'buttons');
      for (const b of r.buttons) row.appendChild(button(b));
      li.appendChild(row);
    }
    log.appendChild(li);
    li.scrollIntoView({ block: 'start' });
  }

  let busy = false;

  async function send(text) {
    if (busy || text.trim() === '') return;
    busy = true;
    log.appendChild(el('li', 'msg-user', text));
    try {
      const res = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tab: tabId(), text }) });
      const body = await res.json();
      if (!res.ok || !body.reply) throw new Error(body.error || `HTTP ${res.status}`);
      showReply(body.reply);
    } catch (err) {
      log.appendChild(el('li', 'msg-bot msg-error', `暂时无法回答(${err.message}),请稍后再试。`));
    } finally {
      busy = false;
    }
  }

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const text = input.value;
    input.value = '';
    void send(text);
    input.focus();
  });

  // every button (更多, 展开, the suggested questions, 出处, the starters) sends its value as if it were typed
  document.addEventListener('click', (ev) => {
    const b = ev.target instanceof Element ? ev.target.closest('button[data-value]') : null;
    if (b) void send(b.dataset.value);
  });
})();
