import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../app/config.js';
import { startServe, type Serving } from '../../app/serve.js';
import { silentLogger } from '../../src/logger.js';
import { freePort } from '../support/free-port.js';
import { knowledge } from '../support/knowledge.js';

// the reader pages over real HTTP: plan-bot serve in-process with PUBLIC_URL naming its own port, Slack and Teams off
let serving: Serving;
let base: string;
beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  serving = await startServe({ config: loadConfig({ PORT: String(port), PUBLIC_URL: base, WEB_CHAT: 'false' }), knowledge: knowledge(), logger: silentLogger(), host: '127.0.0.1' });
});
afterAll(async () => serving?.close());

const PLAN = 'xinxihua-14th';

/** The ids of every element of a page, in order. */
function ids(page: string): string[] {
  return [...page.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!);
}

function expectSafeHeaders(res: Response): void {
  const csp = res.headers.get('content-security-policy') ?? '';
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("default-src 'none'");
  expect(csp).not.toContain('unsafe-inline');
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('x-frame-options')).toBe('DENY');
  expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
}

describe('reader pages', () => {
  it('GET /plan/<plan>: the whole plan, with an outline linking to each part and section, and an anchor per passage', async () => {
    const res = await fetch(`${base}/plan/${PLAN}`);
    expect(res.status).toBe(200);
    expectSafeHeaders(res);
    const page = await res.text();
    expect(page).toMatch(/^<!doctype html>\n<html lang="zh-CN">/);
    expect(page).toContain('<main id="main"');
    expect(page).toContain('<nav class="outline" aria-label="目录">');
    expect(page).toContain('<h1>《“十四五”国家信息化规划》</h1>');
    // no inline script, no inline style: the CSP would block them
    expect(page).not.toMatch(/<script(?![^>]*\ssrc=)/);
    expect(page).not.toMatch(/\sstyle="/);
    const anchors = new Set(ids(page));
    // every passage of the plan is on the page under its local id (a section's heading passage under its section)
    for (const p of knowledge().library.plans[0]!.passages) expect(anchors.has(p.id.slice(PLAN.length + 1))).toBe(true);
    expect(ids(page).length).toBe(anchors.size);
    // the outline's links land on those anchors
    const outline = [...page.matchAll(new RegExp(`href="/plan/${PLAN}#([^"]+)"`, 'g'))].map((m) => m[1]!);
    expect(outline).toContain('p4.s6');
    for (const a of outline) expect(anchors.has(a)).toBe(true);
  });

  it('GET /p/<plan>/<local-id>: the passage in full and highlighted, its breadcrumb, and the box around it', async () => {
    const res = await fetch(`${base}/p/${PLAN}/box14.i1`);
    expect(res.status).toBe(200);
    expectSafeHeaders(res);
    const page = await res.text();
    expect(page).toContain('<h1 id="cited-title">提升风险监测预警能力。</h1>');
    expect(page).toMatch(/<div id="box14\.i1" class="passage box-item current" aria-current="true"><p>提升风险监测预警能力。构建自然灾害/);
    const crumb = /<nav class="breadcrumb"[^]*?<\/nav>/.exec(page)![0];
    expect(crumb).toContain(`<a href="/plan/${PLAN}">`);
    expect(crumb).toContain(`<a href="/p/${PLAN}/p4">四、重大任务和重点工程</a>`);
    expect(crumb).toContain(`<a href="/p/${PLAN}/p4.s6">`);
    expect(crumb).toContain(`<a href="/p/${PLAN}/box14">专栏14 应急管理现代化能力提升工程</a>`);
    expect(crumb).toContain('<span aria-current="page">提升风险监测预警能力。</span>');
    expect(page).toContain('所在专栏:专栏14 应急管理现代化能力提升工程');
    expect(page).toContain(`href="/plan/${PLAN}#box14.i1"`);
    // one element per id: the copy in context carries no anchor
    expect(ids(page).filter((i) => i === 'box14.i1')).toHaveLength(1);
  });

  it('serves every passage, part and section of the plan (a reader link never leads to an error)', async () => {
    const lib = knowledge().library;
    const all = [...lib.passages.map((p) => p.id), ...lib.allNodes().map((n) => n.id)];
    for (const id of all) {
      const res = await fetch(`${base}/p/${id.replace(':', '/')}`, { method: 'HEAD' });
      expect(res.status, id).toBe(200);
    }
  });

  it('a passage that does not exist (any more) gets 404 with a way back to the outline', async () => {
    for (const path of [`/p/${PLAN}/box99.i1`, '/p/other-plan/p1', '/p/%E0%A4%A/x', `/p/${PLAN}/..%2F..%2Fetc`, `/plan/nope`, `/plan/${PLAN}/extra`]) {
      const res = await fetch(`${base}${path}`);
      expect(res.status, path).toBe(404);
      expectSafeHeaders(res);
      const page = await res.text();
      expect(page, path).toContain(`<a href="/plan/${PLAN}">`);
      expect(page).toContain('没有找到这一段');
    }
  });

  it('takes GET and HEAD only; HEAD has the headers and no body', async () => {
    const head = await fetch(`${base}/p/${PLAN}/box14`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(Number(head.headers.get('content-length'))).toBeGreaterThan(500);
    expect(await head.text()).toBe('');
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const res = await fetch(`${base}/plan/${PLAN}`, { method, body: method === 'DELETE' ? undefined : 'x' });
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('GET, HEAD');
    }
  });

  it('keeps the chat closed with WEB_CHAT=false: / and /web/messages are not served, the stylesheet is', async () => {
    expect((await fetch(`${base}/`)).status).toBe(404);
    expect((await fetch(`${base}/web/messages`, { method: 'POST', body: '{}' })).status).toBe(404);
    expect((await fetch(`${base}/web/chat.js`)).status).toBe(404);
    const css = await fetch(`${base}/web/plan-bot.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });
});
