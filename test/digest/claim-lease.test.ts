import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/store/memory-store.js';
import type { Store } from '../../src/store/store.js';
import { redisStore, uniquePrefix } from './support/digest-fixtures.js';

const redis = redisStore(uniquePrefix('lease'));
beforeAll(() => redis.ready());
afterAll(() => redis.close());

describe.each([
  ['memory', () => new MemoryStore({ prefix: uniquePrefix('lease-mem') }) as Store],
  ['redis', () => redis as Store],
])('claimLease (%s store)', (_kind, make) => {
  const store = make();
  const t0 = Date.parse('2026-12-01T01:00:00Z');

  it('lets one caller hold a lease until it ends, judged by the caller clock', async () => {
    expect(await store.claimLease('a', t0, 60_000)).toEqual({ claimed: true, expiresAt: t0 + 60_000 });
    expect(await store.claimLease('a', t0 + 1, 60_000)).toEqual({ claimed: false, expiresAt: t0 + 60_000 });
    expect(await store.claimLease('a', t0 + 59_999, 60_000)).toEqual({ claimed: false, expiresAt: t0 + 60_000 });
    // the holder crashed: once its lease has run out, the next caller takes over
    expect(await store.claimLease('a', t0 + 60_000, 60_000)).toEqual({ claimed: true, expiresAt: t0 + 120_000 });
  });

  it('is given back by releaseClaim, and is per id', async () => {
    expect((await store.claimLease('b', t0, 60_000)).claimed).toBe(true);
    expect((await store.claimLease('c', t0, 60_000)).claimed).toBe(true);
    await store.releaseClaim('b');
    expect((await store.claimLease('b', t0 + 1, 60_000)).claimed).toBe(true);
  });

  it('goes to exactly one of many callers racing for it', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => store.claimLease('race', t0, 60_000)));
    expect(results.filter((r) => r.claimed)).toHaveLength(1);
  });
});
