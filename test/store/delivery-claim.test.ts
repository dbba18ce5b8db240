// The delivery claim, the one exactly-once mechanism of digests, on both stores. Its lease runs on the store's
// clock (Redis TIME; the memory store's own clock), so on Redis the leases here are short and the test waits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/store/memory-store.js';
import type { Store } from '../../src/store/store.js';
import type { Subscription } from '../../src/store/subscription.js';
import { redisStore, uniquePrefix } from '../digest/support/digest-fixtures.js';

const redis = redisStore(uniquePrefix('claim'));
beforeAll(() => redis.ready());
afterAll(() => redis.close());

const LEASE_MS = 400;
const sub = (id: string, active = true): Subscription => ({
  id,
  platform: 'slack',
  workspace: 'T1',
  conversation: `C-${id}`,
  topic: '',
  time: '09:00',
  tz: 'Asia/Shanghai',
  weekdays: false,
  createdAt: '2026-11-29T00:00:00Z',
  active,
});

function memory(): { store: Store; wait: (ms: number) => Promise<void> } {
  let now = Date.parse('2026-12-01T01:00:00Z');
  return { store: new MemoryStore({ prefix: uniquePrefix('claim-mem'), now: () => now }), wait: async (ms) => void (now += ms) };
}

describe.each([
  ['memory', memory],
  ['redis', () => ({ store: redis as Store, wait: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)) })],
])('claimDelivery (%s store)', (_kind, make) => {
  const { store, wait } = make();

  it('is refused for a subscription that is removed or inactive', async () => {
    expect(await store.claimDelivery('never-subscribed', '2026-12-01', LEASE_MS)).toEqual({ kind: 'gone' });
    await store.putSubscription(sub('off', false));
    expect(await store.claimDelivery('off', '2026-12-01', LEASE_MS)).toEqual({ kind: 'gone' });
    await store.putSubscription(sub('removed'));
    await store.removeSubscription('removed');
    expect(await store.claimDelivery('removed', '2026-12-01', LEASE_MS)).toEqual({ kind: 'gone' });
  });

  it('lets one caller hold the lease until it ends by the store clock, then the next takes over', async () => {
    await store.putSubscription(sub('a'));
    expect(await store.claimDelivery('a', '2026-12-01', LEASE_MS)).toEqual({ kind: 'claimed', cursor: null, leaseMs: LEASE_MS });
    const held = await store.claimDelivery('a', '2026-12-01', LEASE_MS);
    expect(held.kind).toBe('held');
    expect(held.kind === 'held' && held.msLeft).toBeGreaterThan(0);
    expect(held.kind === 'held' && held.msLeft).toBeLessThanOrEqual(LEASE_MS);
    // the holder crashed: once its lease has run out, the next caller takes over
    await wait(LEASE_MS + 50);
    expect((await store.claimDelivery('a', '2026-12-01', LEASE_MS)).kind).toBe('claimed');
  });

  it('answers "sent" once a digest for that date or a later one is recorded, and hands out the cursor', async () => {
    await store.putSubscription(sub('b'));
    expect((await store.claimDelivery('b', '2026-12-01', LEASE_MS)).kind).toBe('claimed');
    await store.recordDelivery('b', '2026-12-01', { sent: ['p:a'], lastDate: '2026-12-01' }, Date.parse('2026-12-02T01:00:00Z'));
    expect(await store.claimDelivery('b', '2026-12-01', LEASE_MS)).toEqual({ kind: 'sent', lastDate: '2026-12-01' });
    expect(await store.claimDelivery('b', '2026-11-30', LEASE_MS)).toEqual({ kind: 'sent', lastDate: '2026-12-01' });
    // recording ended the lease: the next day is free at once, with the cursor the last digest left
    expect(await store.claimDelivery('b', '2026-12-02', LEASE_MS)).toEqual({ kind: 'claimed', cursor: { sent: ['p:a'], lastDate: '2026-12-01' }, leaseMs: LEASE_MS });
    expect(await store.getCursor('b')).toEqual({ sent: ['p:a'], lastDate: '2026-12-01' });
  });

  it('is given back by releaseDelivery, and is per subscription', async () => {
    await store.putSubscription(sub('c'));
    await store.putSubscription(sub('d'));
    expect((await store.claimDelivery('c', '2026-12-01', 60_000)).kind).toBe('claimed');
    expect((await store.claimDelivery('d', '2026-12-01', 60_000)).kind).toBe('claimed');
    await store.releaseDelivery('c', 0);
    expect((await store.claimDelivery('c', '2026-12-01', 60_000)).kind).toBe('claimed');
    expect((await store.claimDelivery('d', '2026-12-01', 60_000)).kind).toBe('held');
  });

  it('goes to exactly one of many callers racing for it', async () => {
    await store.putSubscription(sub('race'));
    const results = await Promise.all(Array.from({ length: 20 }, () => store.claimDelivery('race', '2026-12-01', 60_000)));
    expect(results.filter((r) => r.kind === 'claimed')).toHaveLength(1);
    expect(results.filter((r) => r.kind === 'held')).toHaveLength(19);
  });
});
