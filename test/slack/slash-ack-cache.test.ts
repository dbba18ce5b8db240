import { describe, expect, it } from 'vitest';
import { preparedBytes } from '../../adapters/slack/prepared-json.js';
import { SlashAckCache, slashAck } from '../../adapters/slack/slash-ack-cache.js';
import type { Reply } from '../../src/reply/reply.js';

function reply(title: string): Reply {
  return { intent: 'search', title, text: title, results: [{ id: 'p1', kind: 'paragraph', title: '第1段', text: `${title}:健全数据资源目录。`, path: ['四、重大任务和重点工程'], highlights: [title] }], actions: [{ type: 'share', label: '分享到频道', value: 'share' }] };
}

function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null) {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
}

describe('SlashAckCache', () => {
  it('renders a remembered (frozen) answer once and serialises it once, to exactly the body Bolt would have sent', () => {
    const cache = new SlashAckCache();
    const r = deepFreeze(reply('应急管理'));
    const first = cache.ack(r);
    expect(cache.ack(r)).toBe(first);
    expect(first).toEqual(slashAck(r));
    expect(preparedBytes(first)!.toString('utf8')).toBe(JSON.stringify(first));
    expect(Object.isFrozen(first.blocks)).toBe(true);
    // a different answer gets its own body
    const other = cache.ack(deepFreeze(reply('数据治理')));
    expect(other).not.toBe(first);
    expect(JSON.stringify(other)).toContain('数据治理');
  });

  it('renders an answer that could still change every time, and prepares nothing for it', () => {
    const cache = new SlashAckCache();
    const r = reply('养老');
    const a = cache.ack(r);
    r.title = '养老 · 已更新';
    const b = cache.ack(r);
    expect(b).not.toBe(a);
    expect(JSON.stringify(b)).toContain('已更新');
    expect(preparedBytes(a)).toBeUndefined();
  });
});
