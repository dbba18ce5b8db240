import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { startChat } from '../support/chat-process.js';
import { freePort, startRedisServer } from '../support/local-redis.js';

const redisUrl = inject('redisUrl');

async function startRedis(port: number): Promise<ChildProcess> {
  return (await startRedisServer(port)).child;
}

const ids = (reply: { results: { id: string }[] }) => reply.results.map((r) => r.id);

describe('plan-bot chat with --store redis', () => {
  it('continues a conversation in a second process on the same Redis', async () => {
    const env = { REDIS_PREFIX: `xproc-${randomUUID().slice(0, 8)}:` };
    const conv = `conv-${randomUUID()}`;
    const one = startChat(['--store', redisUrl], env);
    const first = await one.ask({ conversation: conv, text: '/plan 数字乡村' });
    expect(await one.end()).toBe(0);
    const two = startChat(['--store', redisUrl], env);
    const second = await two.ask({ conversation: conv, text: '2025年的目标是什么?' });
    const more = await two.ask({ conversation: conv, text: '第1条' });
    expect(await two.end()).toBe(0);

    const same = startChat(['--store', redisUrl], env);
    const conv2 = `conv-${randomUUID()}`;
    const first2 = await same.ask({ conversation: conv2, text: '/plan 数字乡村' });
    const second2 = await same.ask({ conversation: conv2, text: '2025年的目标是什么?' });
    const more2 = await same.ask({ conversation: conv2, text: '第1条' });
    await same.end();

    expect(ids(first)).toEqual(ids(first2));
    expect(second.results).toEqual(second2.results);
    expect(second.results[0].text).toContain('数字乡村建设取得重要进展');
    expect(ids(more)).toEqual(ids(more2));
    expect(second.notice).toBeUndefined();
  });

  it('keeps answering while Redis is stopped, and picks context up again when it is back', async () => {
    const port = await freePort();
    let redis = await startRedis(port);
    const chat = startChat(['--store', `redis://127.0.0.1:${port}`], { REDIS_TIMEOUT_MS: '200' });
    try {
      const a = await chat.ask('/plan 应急管理');
      expect(a.results.length).toBeGreaterThan(0);
      expect(a.notice).toBeUndefined();

      redis.kill('SIGKILL');
      await new Promise((res) => redis.once('exit', res));

      const b = await chat.ask('/plan 数据治理');
      expect(b.results[0].title).toContain('加强数据治理');
      expect(b.notice).toMatch(/上下文暂时不可用/);
      const c = await chat.ask('更多');
      expect(c.notice).toMatch(/上下文暂时不可用/);
      const d = await chat.ask('专栏14');
      expect(d.results[0].title).toContain('应急管理现代化能力提升工程');

      redis = await startRedis(port);
      // the client reconnects on its own (capped back-off of 2 s); ask until the context works again
      let back: any;
      for (let i = 0; i < 40; i++) {
        const r = await chat.ask('/plan 养老');
        if (!r.notice) {
          back = await chat.ask('更多');
          if (!back.notice) break;
        }
        await new Promise((res) => setTimeout(res, 250));
      }
      expect(back?.notice).toBeUndefined();
      expect(back.title).toContain('养老');
      expect(chat.child.exitCode).toBeNull();
      expect(await chat.end()).toBe(0);
    } finally {
      redis.kill('SIGKILL');
    }
  });
});
