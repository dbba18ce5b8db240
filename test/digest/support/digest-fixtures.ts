// Shared pieces of the digest tests: a Redis store with a key prefix of its own, subscriptions, and a clock the
// test moves by hand (time is never waited for).
import { inject } from 'vitest';
import { subscriptionId } from '../../../src/digest/subscription-id.js';
import { silentLogger } from '../../../src/logger.js';
import { RedisStore } from '../../../src/store/redis-store.js';
import type { Subscription } from '../../../src/store/subscription.js';

/** A unique key prefix for one test file (and one BullMQ queue prefix), so files never see each other's data. */
export function uniquePrefix(name: string): string {
  return `t-digest:${name}:${process.pid}:${Date.now()}:`;
}

/** The test Redis as a plan-bot Store under a prefix of its own. */
export function redisStore(prefix: string): RedisStore {
  return new RedisStore({ url: inject('redisUrl'), prefix, timeoutMs: 2000 });
}

/** A clock the test sets and moves. */
export interface TestClock {
  now: () => number;
  set(iso: string): void;
  advance(ms: number): void;
}

/** A clock starting at an ISO-8601 instant. */
export function testClock(iso: string): TestClock {
  let t = Date.parse(iso);
  return {
    now: () => t,
    set: (s) => {
      t = Date.parse(s);
    },
    advance: (ms) => {
      t += ms;
    },
  };
}

/** A Slack channel subscription as the subscribe command would save it (09:00 Asia/Shanghai unless told otherwise). */
export function slackSub(channel: string, over: Partial<Subscription> = {}): Subscription {
  const topic = over.topic ?? '应急管理';
  const target = { platform: 'slack', workspace: over.workspace ?? 'T0DIGEST', conversation: channel };
  return {
    id: subscriptionId(target, topic),
    platform: 'slack',
    workspace: target.workspace,
    conversation: channel,
    topic,
    time: '09:00',
    tz: 'Asia/Shanghai',
    weekdays: false,
    createdAt: '2026-11-01T00:00:00.000Z',
    active: true,
    ...over,
  };
}

/** A logger for the code under test that prints nothing. */
export const quietLogger = silentLogger();
