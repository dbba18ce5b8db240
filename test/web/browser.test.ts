import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../support/free-port.js';
import { distinctColours } from '../support/png-colours.js';
import { startServeChild, type PlanBotChild } from '../support/serve-process.js';

// The reader and the web chat in a real browser: Debian's Chromium, headless, driven by playwright-core, against a
// real `plan-bot serve` child process whose PUBLIC_URL is itself.
let serve: PlanBotChild & { base: string };
let browser: Browser;
let base: string;

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  [serve, browser] = await Promise.all([
    startServeChild({ PORT: String(port), PUBLIC_URL: base, REDIS_URL: inject('redisUrl'), REDIS_PREFIX: `plan-bot-test:browser:${process.pid}:${Date.now()}:` }),
    chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] }),
  ]);
});
afterAll(async () => {
  await browser?.close();
  serve?.kill();
});

/** A fresh tab that records every dialog, page error and console error (a CSP violation is a console error). */
async function openTab(): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const problems: string[] = [];
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
  });
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  return { page, problems };
}

/** Type a question into the chat and wait for the answer it gets (the n-th bot message). */
async function askInChat(page: Page, text: string): Promise<void> {
  const before = await page.locator('#log .msg-bot').count();
  await page.fill('#q', text);
  await page.press('#q', 'Enter');
  await page.locator('#log .msg-bot').nth(before).waitFor();
}

/** Press a button and wait for the answer it brings. */
async function press(page: Page, selector: string): Promise<void> {
  const before = await page.locator('#log .msg-bot').count();
  await page.locator(selector).click();
  await page.locator('#log .msg-bot').nth(before).waitFor();
}

describe('web chat and reader in Chromium', () => {
  it('asks 应急管理, shows its passages as cards, pages with 更多, follows a suggestion and a passage link to its highlighted page', async () => {
    const { page, problems } = await openTab();
    await page.goto(`${base}/`);
    await askInChat(page, '应急管理');
    const first = page.locator('#log .msg-bot').last();
    await expect(first.locator('h3').textContent()).resolves.toMatch(/^应急管理 · 1–3 \/ \d+$/);
    const titles = await first.locator('.card h4').allTextContents();
    expect(titles).toHaveLength(3);
    expect(titles[0]).toBe('1. 提升风险监测预警能力。');
    expect(titles[1]).toContain('专栏14 应急管理现代化能力提升工程');
    // the matched words are highlighted, each card cites its place in the plan
    expect(await first.locator('.card mark').allTextContents()).toContain('应急管理');
    expect(await first.locator('.card .path').first().textContent()).toContain('专栏14 应急管理现代化能力提升工程');

    await press(page, '#log .msg-bot:last-child button[data-kind="more"]');
    const second = page.locator('#log .msg-bot').last();
    await expect(second.locator('h3').textContent()).resolves.toMatch(/^应急管理 · 4–6 \/ \d+$/);
    const next = await second.locator('.card h4').allTextContents();
    expect(next[0]).toMatch(/^4\. /);
    expect(next.some((t) => titles.includes(t))).toBe(false);

    // 展开 on a card of this page opens that passage whole
    const fourth = next[0]!.replace(/^4\. /, '');
    await press(page, '#log .msg-bot:last-child .card >> nth=0 >> button[data-kind="expand"]');
    const opened = page.locator('#log .msg-bot').last();
    expect(await opened.locator('.card h4').first().textContent()).toContain(fourth);

    // a suggested next question, pressed: its value is sent as if typed, and answered
    const suggestion = opened.locator('button[data-kind="suggest"]').first();
    const asked = await suggestion.getAttribute('data-value');
    expect(asked).toBeTruthy();
    await press(page, '#log .msg-bot:last-child button[data-kind="suggest"] >> nth=0');
    expect(await page.locator('#log .msg-user').last().textContent()).toBe(asked);
    const third = page.locator('#log .msg-bot').last();
    expect(await third.locator('.card, .footer').count()).toBeGreaterThan(0);

    // the first card's link leads to the passage's reader page, where that passage is highlighted
    const link = page.locator('#log .msg-bot >> nth=0 >> .card >> nth=0 >> a.passage-link');
    expect(await link.getAttribute('href')).toBe('/p/xinxihua-14th/box14.i1');
    await Promise.all([page.waitForURL(`${base}/p/xinxihua-14th/box14.i1`), link.click()]);
    const cited = page.locator('.cited .passage.current[aria-current="true"]');
    await expect(cited.isVisible()).resolves.toBe(true);
    expect(await cited.getAttribute('id')).toBe('box14.i1');
    expect(await cited.textContent()).toContain('提升风险监测预警能力。构建自然灾害和安全生产风险综合监测预警体系');
    expect(await page.locator('h1').textContent()).toBe('提升风险监测预警能力。');
    expect(await page.locator('.breadcrumb li').allTextContents()).toEqual(['“十四五”国家信息化规划', '四、重大任务和重点工程', '(六)构筑共建共治共享的数字社会治理体系', '专栏14 应急管理现代化能力提升工程', '提升风险监测预警能力。']);
    // highlighted means styled by our stylesheet (served under the CSP), not just a class name
    const background = await cited.evaluate((e) => getComputedStyle(e).backgroundColor);
    expect(background).not.toBe('rgba(0, 0, 0, 0)');
    expect(background).not.toBe(await page.locator('body').evaluate((e) => getComputedStyle(e).backgroundColor));

    const shot = await page.screenshot();
    const blank = await openTab();
    await blank.page.goto('about:blank');
    const blankShot = await blank.page.screenshot();
    expect(distinctColours(blankShot)).toBe(1);
    expect(distinctColours(shot)).toBeGreaterThan(50);
    await blank.page.close();

    // the outline of the whole plan, one link away, lands on the passage's anchor
    await Promise.all([page.waitForURL(`${base}/plan/xinxihua-14th#box14.i1`), page.locator('.in-plan a').click()]);
    expect(await page.locator('nav.outline a').count()).toBeGreaterThan(20);
    expect(await page.locator('[id="box14.i1"]').evaluate((e) => e.matches(':target'))).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('gives each tab its own conversation', async () => {
    const a = await openTab();
    const b = await openTab();
    await a.page.goto(`${base}/`);
    await b.page.goto(`${base}/`);
    await askInChat(a.page, '数据治理');
    await askInChat(b.page, '更多');
    expect(await b.page.locator('#log .msg-bot').last().textContent()).toContain('没有上一个问题');
    await askInChat(a.page, '更多');
    await expect(a.page.locator('#log .msg-bot').last().locator('h3').textContent()).resolves.toMatch(/^数据治理 · 4–/);
    expect([...a.problems, ...b.problems]).toEqual([]);
    await a.page.close();
    await b.page.close();
  });

  it('never turns typed text or a URL into markup: <script> and attribute-breaking input stay text', async () => {
    const { page, problems } = await openTab();
    await page.goto(`${base}/`);
    const hostile = ['<script>window.__pwned = 1</script>应急管理', '"><img src=x onerror="window.__pwned=1;alert(1)">', "'><svg onload=alert(1)>数据安全", '<b onmouseover=alert(1)>没有这个</b>'];
    for (const text of hostile) {
      await askInChat(page, text);
      expect(await page.locator('#log .msg-user').last().textContent()).toBe(text);
    }
    const injected = await page.evaluate(() => ({
      elements: document.querySelectorAll('#log script, #log img, #log svg, #log b, #log iframe, [onerror], [onload], [onmouseover]').length,
      scripts: [...document.scripts].map((s) => s.getAttribute('src')),
      pwned: (window as unknown as { __pwned?: number }).__pwned,
    }));
    expect(injected).toEqual({ elements: 0, scripts: ['/web/chat.js'], pwned: undefined });
    for (const path of ['/p/xinxihua-14th/%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E', '/plan/%3Cscript%3Ealert(1)%3C%2Fscript%3E', '/p/%3Cscript%3E/%22%3E%3Csvg%20onload%3Dalert(1)%3E', '/?q=%3Cscript%3Ealert(1)%3C/script%3E']) {
      const res = await page.goto(`${base}${path}`);
      expect([200, 404]).toContain(res!.status());
      const found = await page.evaluate(() => ({ img: document.querySelectorAll('img, svg, [onerror], [onload]').length, scripts: [...document.scripts].filter((s) => s.getAttribute('src') !== '/web/chat.js').length }));
      expect(found, path).toEqual({ img: 0, scripts: 0 });
    }
    // the hostile paths are answered 404 (and the browser says so); nothing else went wrong
    expect(problems.filter((p) => !/^404 |status of 404/.test(p))).toEqual([]);
    await page.close();
  });
});
