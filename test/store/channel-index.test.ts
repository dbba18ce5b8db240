// Listing or changing one channel's subscriptions is O(that channel's subscriptions) Redis work, however many
// subscriptions other channels have: 10,000 here. Redis's MONITOR shows every command and key the store touched
// (read over a plain socket: test/support/redis-monitor.ts).
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { RedisStore } from '../../src/store/redis-store.js';
import { startMonitor } from '../support/redis-monitor.js';
import type { ChannelRef, Subscription } from '../../src/store/subscription.js';

const OTHERS = 10_000;
const prefix = `chan-index-${randomUUID().slice(0, 8)}:`;
const raw = new Redis(inject('redisUrl'));
const store = new RedisStore({ url: inject('redisUrl'), prefix, timeoutMs: 5000 });
const ours: ChannelRef = { platform: 'slack', workspace: 'T0OURS', conversation: 'C0OURS' };
const sub = (id: string, channel: ChannelRef): Subscription => ({ id, ...channel, topic: id, time: '09:00', tz: 'Asia/Shanghai', weekdays: false, createdAt: '2026-11-29T00:00:00Z', active: true });

beforeAll(async () => {
  await store.ready();
  for (let i = 0; i < OTHERS; i += 500) {
    await Promise.all(Array.from({ length: 500 }, (_, j) => store.putSubscription(sub(`other${i + j}`, { platform: 'slack', workspace: 'T0OTHER', conversation: `C${(i + j) % 2000}` }))));
  }
  for (const id of ['a', 'b', 'c']) await store.putSubscription(sub(id, ours));
}, 60_000);
afterAll(async () => {
  await store.close();
  raw.disconnect();
});

/** The commands, with their arguments, that Redis ran for keys under `p` while `work` ran. */
async function commandsDuring(work: () => Promise<unknown>, p = prefix): Promise<string[][]> {
  const seen: string[][] = [];
  const monitor = await startMonitor(inject('redisUrl'), (args) => {
    if (args.some((a) => a.startsWith(p))) seen.push(args);
  });
  const sentinel = `${prefix}sentinel:${randomUUID()}`;
  try {
    await work();
    // MONITOR reports in order: once this shows, everything before it has
    const shown = monitor.seen(sentinel);
    await raw.get(sentinel);
    await shown;
  } finally {
    monitor.close();
  }
  return seen.filter((args) => !args.includes(sentinel));
}

const keysIn = (cmds: string[][]) => new Set(cmds.flatMap((c) => c.filter((a) => a.startsWith(prefix))));
const oursKeys = (ids: string[]) => [`${prefix}chan:slack:T0OURS:C0OURS`, ...ids.map((id) => `${prefix}sub:${id}`)];

describe(`one channel's subscriptions, with ${OTHERS} in other channels`, () => {
  it('are listed by reading that channel\'s index and its records only: two commands, 1 + 3 keys', async () => {
    let listed: Subscription[] = [];
    const cmds = await commandsDuring(async () => (listed = await store.listChannelSubscriptions(ours)));
    expect(listed.map((s) => s.id).sort()).toEqual(['a', 'b', 'c']);
    expect(cmds.map((c) => c[0]!.toLowerCase())).toEqual(['smembers', 'mget']);
    expect([...keysIn(cmds)].sort()).toEqual(oursKeys(['a', 'b', 'c']).sort());
  });

  it('are changed touching that channel\'s keys, its workspace\'s index, the record\'s delivery state and one member of the due index', async () => {
    const d = sub('d', ours);
    const added = await commandsDuring(() => store.putSubscription(d));
    // wsub: the workspace's subscriptions, which an uninstall deactivates (one member written, never read whole)
    expect([...keysIn(added)].sort()).toEqual([`${prefix}chan:slack:T0OURS:C0OURS`, `${prefix}wsub:slack:T0OURS`, `${prefix}dlv:d`, `${prefix}due`, `${prefix}sub:d`].sort());
    // the shared due index is written for this one member (ZADD/ZREM of one id), never read whole
    for (const c of added.filter((c) => c.includes(`${prefix}due`))) expect(c.slice(2)).toContain('d');
    const removed = await commandsDuring(() => store.removeSubscription('d'));
    expect([...keysIn(removed)].sort()).toEqual([`${prefix}chan:slack:T0OURS:C0OURS`, `${prefix}wsub:slack:T0OURS`, `${prefix}dlv:d`, `${prefix}due`, `${prefix}sub:d`].sort());
    expect(removed.map((c) => c[0]!.toLowerCase())).not.toContain('zrange');
  });

  it('cost the same as with 10 times fewer other subscriptions: the work does not depend on them', async () => {
    // the same listing against a store whose other subscriptions are 1,000: the same commands, as many keys
    const small = `chan-index-small-${randomUUID().slice(0, 8)}:`;
    const s2 = new RedisStore({ url: inject('redisUrl'), prefix: small, timeoutMs: 5000 });
    await s2.ready();
    await Promise.all(Array.from({ length: 1000 }, (_, i) => s2.putSubscription(sub(`other${i}`, { platform: 'slack', workspace: 'T0OTHER', conversation: `C${i % 200}` }))));
    for (const id of ['a', 'b', 'c']) await s2.putSubscription(sub(id, ours));
    const big = await commandsDuring(() => store.listChannelSubscriptions(ours));
    const few = await commandsDuring(() => s2.listChannelSubscriptions(ours), small);
    await s2.close();
    // a command and its keys without the prefix (a set's members come in no fixed order)
    const shape = (cmds: string[][], p: string) => cmds.map(([name, ...args]) => [name, ...args.map((a) => a.replace(p, '')).sort()].join(' '));
    expect(shape(few, small).map((c) => c.split(' ')[0])).toEqual(['smembers', 'mget']);
    expect(shape(big, prefix)).toEqual(shape(few, small));
  });
});
