import { describe, expect, it } from 'vitest';
import { homeDm, renderHome } from '../../adapters/slack/home-view.js';
import type { ChannelOverview } from '../../src/digest/user-overview.js';

const channel = (i: number): ChannelOverview => ({
  channel: { platform: 'slack', workspace: 'T1', conversation: `C${String(i).padStart(6, '0')}` },
  subscriptions: [{ id: `s${i}`, topic: '「<!channel> 养老」', schedule: '每天 09:00(Asia/Shanghai)', active: true, next: '2026-12-03 09:00 周四' }],
});
const outline = Array.from({ length: 30 }, (_, i) => ({ label: `第${i + 1}部分`, value: `第${i + 1}部分` }));

describe('the home view', () => {
  it('stays within 100 blocks with many channels and says how many it left out', () => {
    const view = renderHome({ plans: ['p'], outline, channels: Array.from({ length: 150 }, (_, i) => channel(i)), examples: [{ label: 'a', value: 'a' }], dm: 'D1' });
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    const shown = view.blocks.filter((b) => b.type === 'section' && b.text.text.includes('<#C')).length;
    expect(JSON.stringify(view.blocks)).toContain(`还有 ${150 - shown} 个频道未显示`);
    // 30 outline buttons: two rows (25 a row), and the examples after the channels
    expect(view.blocks.filter((b) => b.type === 'actions').map((b) => (b.type === 'actions' ? b.elements.length : 0))).toEqual([25, 5, 1]);
    // stored text is escaped: no broadcast reaches Slack
    expect(JSON.stringify(view.blocks)).not.toContain('<!channel>');
  });

  it('carries the DM it answers in, and reads only its own metadata back', () => {
    expect(homeDm(renderHome({ plans: [], outline: [], channels: [], examples: [], dm: 'D0ABC' }).private_metadata)).toBe('D0ABC');
    for (const bad of [undefined, '', 'x', '{"dm":"not an id"}', '[1]']) expect(homeDm(bad)).toBeUndefined();
  });
});
