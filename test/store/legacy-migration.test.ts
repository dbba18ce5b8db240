// Subscriptions stored before issue 10 (one hash of every subscription, a string key per cursor) are carried into
// the channel-indexed layout the first time a RedisStore connects, and deliver from there.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { RedisStore } from '../../src/store/redis-store.js';
import type { Subscription } from '../../src/store/subscription.js';

const raw = new Redis(inject('redisUrl'));
const opened: RedisStore[] = [];
afterAll(async () => {
  await Promise.all(opened.map((s) => s.close()));
  raw.disconnect();
});

const sub = (id: string, over: Partial<Subscription> = {}): Subscription => ({
  id,
  platform: 'slack',
  workspace: 'T0OLD',
  conversation: 'C0OLD',
  topic: id,
  time: '09:00',
  tz: 'Asia/Shanghai',
  weekdays: false,
  createdAt: '2026-11-01T00:00:00Z',
  active: true,
  ...over,
});

/** Write data the way plan-bot wrote it before issue 10. */
async function plantOldLayout(prefix: string): Promise<void> {
  await raw.hset(`${prefix}subs`, {
    active: JSON.stringify(sub('active')),
    stopped: JSON.stringify(sub('stopped', { active: false, deactivatedReason: 'is_archived' })),
    teams: JSON.stringify(sub('teams', { platform: 'teams', workspace: 'tenant', conversation: '19:x@thread.tacv2' })),
    broken: '{not json',
  });
  await raw.set(`${prefix}cursor:active`, JSON.stringify({ sent: ['p:1', 'p:2'], lastDate: '2026-12-01' }));
}

function open(prefix: string, events: { migrated: number[]; corrupt: string[]; errors: string[] }): RedisStore {
  const s = new RedisStore({
    url: inject('redisUrl'),
    prefix,
    timeoutMs: 2000,
    onMigrated: (n) => events.migrated.push(n),
    onCorrupt: (k) => events.corrupt.push(k),
    onError: (e) => events.errors.push(e.message),
  });
  opened.push(s);
  return s;
}
const noEvents = () => ({ migrated: [] as number[], corrupt: [] as string[], errors: [] as string[] });

describe('the layout before issue 10', () => {
  it('is migrated on open: records by channel, cursors, the due index, and the old hash kept as a backup', async () => {
    const prefix = `legacy-${randomUUID().slice(0, 8)}:`;
    await plantOldLayout(prefix);
    const events = noEvents();
    const store = open(prefix, events);
    await store.ready();
    expect(events).toEqual({ migrated: [3], corrupt: [`${prefix}subs#broken`], errors: [] });

    expect((await store.listChannelSubscriptions({ platform: 'slack', workspace: 'T0OLD', conversation: 'C0OLD' })).map((s) => s.id).sort()).toEqual(['active', 'stopped']);
    expect(await store.getSubscription('teams')).toMatchObject({ platform: 'teams', conversation: '19:x@thread.tacv2' });
    expect(await store.getCursor('active')).toEqual({ sent: ['p:1', 'p:2'], lastDate: '2026-12-01' });
    // the active ones are due for the next pass to schedule; the stopped one stays stopped
    expect((await store.dueSubscriptions(0, 100)).map((s) => s.id).sort()).toEqual(['active', 'teams']);
    expect(await store.claimDelivery('stopped', '2026-12-02', 60_000)).toEqual({ kind: 'gone' });
    // the date the old cursor recorded is known as sent; the next date delivers from the old rotation
    expect(await store.claimDelivery('active', '2026-12-01', 60_000)).toEqual({ kind: 'sent', lastDate: '2026-12-01' });
    expect(await store.claimDelivery('active', '2026-12-02', 60_000)).toMatchObject({ kind: 'claimed', cursor: { sent: ['p:1', 'p:2'] } });

    expect(await raw.exists(`${prefix}subs`)).toBe(0);
    expect(await raw.hlen(`${prefix}subs:migrated-v1`)).toBe(4);
    // opening again finds nothing to migrate
    const again = noEvents();
    await open(prefix, again).ready();
    expect(again.migrated).toEqual([]);
  });

  it('never overwrites what the new layout already holds, and is safe when two processes open at once', async () => {
    const prefix = `legacy-${randomUUID().slice(0, 8)}:`;
    await plantOldLayout(prefix);
    // written by an upgraded replica before this one migrated: a newer time, and a delivery recorded
    await raw.rename(`${prefix}subs`, `${prefix}subs-hidden`); // let the writer open without migrating first
    const writer = open(prefix, noEvents());
    await writer.ready();
    await writer.putSubscription(sub('active', { time: '18:00' }));
    await writer.recordDelivery('active', '2026-12-05', { sent: ['p:9'], lastDate: '2026-12-05' }, 0);
    await raw.rename(`${prefix}subs-hidden`, `${prefix}subs`);

    const [a, b] = [noEvents(), noEvents()];
    await Promise.all([open(prefix, a).ready(), open(prefix, b).ready()]);
    expect([...a.errors, ...b.errors]).toEqual([]);
    expect(await writer.getSubscription('active')).toMatchObject({ time: '18:00' });
    expect(await writer.getCursor('active')).toEqual({ sent: ['p:9'], lastDate: '2026-12-05' });
    expect(await writer.getSubscription('teams')).toMatchObject({ platform: 'teams' });
    expect(await raw.exists(`${prefix}subs`)).toBe(0);
  });
});
