import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postSigned, sendSlashCommand, slashCommandBody } from '../support/slack-sign.js';
import { quiet, shownText, startSlackHarness, type Harness } from './slack-harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startSlackHarness('slash');
});
afterAll(async () => h?.close());

function blocksOf(body: any, type: string): any[] {
  return (body.blocks as any[]).filter((b) => b.type === type);
}

describe('/plan over HTTP', () => {
  it('answers /plan 应急管理 in the ack body, ephemeral, as Block Kit, well under 3 s', async () => {
    const started = performance.now();
    const res = await sendSlashCommand(h.base, { text: '应急管理', user_id: 'U0FIRST' });
    const ms = performance.now() - started;
    expect(res.status).toBe(200);
    expect(ms).toBeLessThan(1000);
    const body = (await res.json()) as any;
    expect(body.response_type).toBe('ephemeral');
    expect(blocksOf(body, 'header')[0].text.text).toContain('应急管理');
    const sections = blocksOf(body, 'section').map((s) => s.text.text as string);
    expect(sections.length).toBeGreaterThanOrEqual(3);
    // matched terms in bold
    expect(sections.join('\n')).toContain('*应急管理*');
    // the 应急管理 passages, cited by their place in the plan
    expect(shownText(body)).toContain('专栏14 应急管理现代化能力提升工程');
    const crumbs = blocksOf(body, 'context').map((c) => c.elements[0].text as string);
    expect(crumbs.some((c) => c.includes('四、重大任务和重点工程 › '))).toBe(true);
    const buttons = blocksOf(body, 'actions').flatMap((a) => a.elements);
    const labels = buttons.map((b: any) => b.text.text as string);
    expect(labels.some((l) => l.startsWith('更多'))).toBe(true);
    expect(labels.some((l) => l.startsWith('展开'))).toBe(true);
    expect(labels).toContain('订阅此主题');
    expect(labels).toContain('分享到频道');
    expect(buttons.find((b: any) => b.text.text.startsWith('更多')).value).toBe('更多');
    expect(buttons.find((b: any) => b.text.text === '订阅此主题').value).toBe('订阅 应急管理');
    expect(typeof body.text).toBe('string');
    expect(body.text.length).toBeGreaterThan(0);
    // answered in the ack: nothing went to the Web API or the response_url
    await quiet(200);
    expect(h.sent).toHaveLength(0);
  });

  it('keeps each user\'s slash context private in a channel: 更多 continues their own list', async () => {
    await sendSlashCommand(h.base, { text: '数据治理', user_id: 'U0ALICE', channel_id: 'C0SHARED' });
    const more = (await (await sendSlashCommand(h.base, { text: '更多', user_id: 'U0ALICE', channel_id: 'C0SHARED' })).json()) as any;
    expect(blocksOf(more, 'header')[0].text.text).toMatch(/数据治理 · 4–/);
    const other = (await (await sendSlashCommand(h.base, { text: '更多', user_id: 'U0BOB', channel_id: 'C0SHARED' })).json()) as any;
    expect(shownText(other)).toContain('没有上一个问题');
  });

  it('answers an empty /plan with help, and a renamed slash command the same way', async () => {
    const help = (await (await sendSlashCommand(h.base, { text: '' })).json()) as any;
    expect(help.response_type).toBe('ephemeral');
    expect(shownText(help)).toMatch(/应急管理/);
    const renamed = (await (await sendSlashCommand(h.base, { text: '应急管理', command: '/policy' })).json()) as any;
    expect(shownText(renamed)).toContain('专栏14');
  });

  it('reads a form whose content type carries a charset parameter', async () => {
    const res = await postSigned(h.base, slashCommandBody({ text: '应急管理' }), 'application/x-www-form-urlencoded; charset=utf-8');
    expect(res.status).toBe(200);
    expect(shownText((await res.json()) as any)).toContain('专栏14');
  });

  it('serves /healthz and /readyz (Redis reachable) beside /slack/events', async () => {
    expect((await fetch(`${h.base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${h.base}/readyz`);
    expect(ready.status).toBe(200);
  });
});
