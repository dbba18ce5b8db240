// Concurrent turns' context writes go to Redis as one command (group commit, src/store/write-batch.ts), in order, and
// each turn's write is stored exactly as a write of its own would be.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import type { ConversationKey } from '../../src/conversation-key.js';
import { RedisStore } from '../../src/store/redis-store.js';
import { WriteBatch } from '../../src/store/write-batch.js';

const prefix = `ctx-batch-${randomUUID().slice(0, 8)}:`;
const raw = new Redis(inject('redisUrl'));
const store = new RedisStore({ url: inject('redisUrl'), prefix, timeoutMs: 5000 });
const conv = (c: string): ConversationKey => ({ platform: 'slack', workspace: 'T0BATCH', conversation: c });
const anyValue = z.object({ topic: z.string() });

beforeAll(async () => store.ready());
afterAll(async () => {
  await store.close();
  raw.disconnect();
});

/**
 * The script commands (EVALSHA / EVAL) the store sent to Redis while `work` ran, with their arguments, as its client
 * sent them (MONITOR would show them too, but it sees every parallel test file's traffic and ioredis's monitor mode
 * trips over a busy server).
 */
async function scriptsDuring(work: () => Promise<unknown>): Promise<string[][]> {
  const seen: string[][] = [];
  const send = store.redis.sendCommand.bind(store.redis);
  const spy = vi.spyOn(store.redis, 'sendCommand').mockImplementation((cmd, stream) => {
    if (/^eval/i.test(cmd.name)) seen.push(cmd.args.map(String));
    return send(cmd, stream);
  });
  try {
    await work();
  } finally {
    spy.mockRestore();
  }
  return seen;
}

describe('context writes under load', () => {
  it('sends 40 concurrent turns\' writes as fewer commands than writes, and stores every one', async () => {
    const scripts = await scriptsDuring(() => Promise.all(Array.from({ length: 40 }, (_, i) => store.setContext(conv(`C0LOAD${i}`), { topic: `t${i}` }, 600))));
    expect(scripts.length).toBeGreaterThanOrEqual(1);
    expect(scripts.length).toBeLessThan(40);
    for (let i = 0; i < 40; i++) expect(await store.getContext(conv(`C0LOAD${i}`), anyValue)).toEqual({ topic: `t${i}` });
    expect(await raw.ttl(`${prefix}ctx:slack:T0BATCH:C0LOAD7`)).toBeGreaterThan(590);
    // every conversation is in its workspace's index (what an uninstall deletes from)
    expect(await raw.zcard(`${prefix}wsconv:slack:T0BATCH`)).toBeGreaterThanOrEqual(40);
  });

  it('keeps the order of writes to one conversation within a batch: the last one is current, the replaced ones earlier', async () => {
    const c = conv('C0ORDER');
    await Promise.all(['a', 'b', 'c'].map((topic) => store.setContext(c, { topic }, 600, { keepPrevious: true })));
    const { current, earlier } = await store.getContextWithEarlier(c, anyValue);
    expect(current).toEqual({ topic: 'c' });
    expect(earlier).toEqual([{ topic: 'b' }, { topic: 'a' }]);
  });

  it('sends a lone write at once, as one command of one write', async () => {
    const scripts = await scriptsDuring(() => store.setContext(conv('C0LONE'), { topic: 'x' }, 600));
    expect(scripts).toHaveLength(1);
    expect(scripts[0]!.filter((a) => a.startsWith(`${prefix}ctx:`))).toEqual([`${prefix}ctx:slack:T0BATCH:C0LONE`]);
  });

  it('replaces a corrupt key inside a batch and still stores the batch\'s other writes', async () => {
    await raw.hset(`${prefix}ctx:slack:T0BATCH:C0BAD`, 'x', '1');
    await raw.hset(`${prefix}ctxe:slack:T0BATCH:C0BAD`, 'x', '1');
    await Promise.all([store.setContext(conv('C0BAD'), { topic: 'new' }, 600, { keepPrevious: true }), store.setContext(conv('C0GOOD'), { topic: 'fine' }, 600)]);
    expect(await store.getContext(conv('C0BAD'), anyValue)).toEqual({ topic: 'new' });
    expect(await store.getContext(conv('C0GOOD'), anyValue)).toEqual({ topic: 'fine' });
  });
});

describe('WriteBatch', () => {
  it('settles each write with its batch: a failed batch rejects only its own writes, and the next batch is sent', async () => {
    const sent: number[][] = [];
    let fail = true;
    const batch = new WriteBatch<number>(async (items) => {
      sent.push(items);
      await new Promise((r) => setTimeout(r, 5));
      if (fail) {
        fail = false;
        throw new Error('redis said no');
      }
    });
    const first = batch.write(1);
    await new Promise((r) => setImmediate(r)); // the first batch is on its way
    const later = [batch.write(2), batch.write(3)];
    await expect(first).rejects.toThrow('redis said no');
    await expect(Promise.all(later)).resolves.toEqual([undefined, undefined]);
    expect(sent).toEqual([[1], [2, 3]]);
  });

  it('sends at most maxBatch writes in one command, and refuses writes beyond its bound instead of holding them', async () => {
    const sizes: number[] = [];
    const batch = new WriteBatch<number>(async (items) => void sizes.push(items.length), 4, 10);
    const writes = Array.from({ length: 10 }, (_, i) => batch.write(i));
    await expect(batch.write(99)).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    await Promise.all(writes);
    expect(sizes).toEqual([4, 4, 2]);
  });
});
