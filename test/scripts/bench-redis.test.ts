// Issue 11: benches never write to a Redis the user did not name, and delete their keys. Small real runs of
// bench:context and bench:digest as child processes: against a named Redis (a redis-server of this test's own, so
// that "nothing left" means exactly that) every key they wrote is gone afterwards, also after Ctrl-C in the middle;
// without REDIS_URL they use a redis-server of their own, which is gone when they are.
import { spawn } from 'node:child_process';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { redisAnswers, startRedisServer } from '../support/local-redis.js';
import { REPO_DIR } from '../support/plan-bot-process.js';

let named: Awaited<ReturnType<typeof startRedisServer>>;
let admin: Redis;
beforeAll(async () => {
  named = await startRedisServer();
  admin = new Redis(named.url);
});
afterAll(async () => {
  admin?.disconnect();
  named?.child.kill('SIGKILL');
});

interface BenchRun {
  code: number | null;
  out: string;
}

/** Run a bench script as `node --import tsx scripts/NAME.ts ARGS…`; `during` runs once it prints its first line. */
function bench(script: string, args: string[], env: Record<string, string>, during?: (child: ReturnType<typeof spawn>) => Promise<void>): Promise<BenchRun> {
  const child = spawn(process.execPath, ['--import', 'tsx', `scripts/${script}.ts`, ...args], { cwd: REPO_DIR, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let started = false;
  return new Promise((resolve, reject) => {
    const take = (b: Buffer) => {
      out += b.toString('utf8');
      if (!started && during && out.includes('\n')) {
        started = true;
        during(child).catch(reject);
      }
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('close', (code) => resolve({ code, out }));
  });
}

async function keyCount(r: Redis, match = '*'): Promise<number> {
  let n = 0;
  let cursor = '0';
  do {
    const [next, keys] = await r.scan(cursor, 'MATCH', match, 'COUNT', 1000);
    cursor = next;
    n += keys.length;
  } while (cursor !== '0');
  return n;
}

describe('benches and Redis', () => {
  it('bench:context with REDIS_URL: runs against it and deletes every key it wrote', async () => {
    expect(await admin.dbsize()).toBe(0);
    const r = await bench('bench-context', ['--rounds', '2'], { REDIS_URL: named.url });
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain(`Redis: REDIS_URL ${named.url}`);
    // the context of its 2 conversations (one per round of the dialogue), the earlier topics kept beside each, and
    // their workspace's conversations index (what an uninstall deletes them by)
    expect(Number(/deleted the bench's (\d+) keys/.exec(r.out)?.[1])).toBe(5);
    expect(await admin.dbsize()).toBe(0);
  });

  it('bench:context interrupted with Ctrl-C in the middle still deletes its keys', async () => {
    const r = await bench('bench-context', ['--rounds', '300'], { REDIS_URL: named.url }, async (child) => {
      // wait until it has written a good part, then interrupt it
      const deadline = Date.now() + 30_000;
      while ((await keyCount(admin)) < 50) {
        if (Date.now() > deadline) throw new Error('bench:context wrote nothing within 30 s');
        await new Promise((res) => setTimeout(res, 50));
      }
      child.kill('SIGINT');
    });
    expect(r.code, r.out).toBe(130);
    expect(r.out).toContain('SIGINT: cleaning up');
    expect(await admin.dbsize()).toBe(0);
  });

  it('bench:context without REDIS_URL: a redis-server of its own, gone afterwards; nothing in the test Redis', async () => {
    const shared = new Redis(inject('redisUrl'));
    try {
      const before = await keyCount(shared, 'bench-ctx-*');
      const r = await bench('bench-context', ['--rounds', '2'], {});
      expect(r.code, r.out).toBe(0);
      const own = /Redis: a redis-server of its own on (redis:\/\/127\.0\.0\.1:(\d+))/.exec(r.out);
      expect(own, r.out).not.toBeNull();
      expect(own![2]).not.toBe('6379');
      expect(await redisAnswers(own![1]!)).toBe(false);
      expect(await keyCount(shared, 'bench-ctx-*')).toBe(before);
    } finally {
      shared.disconnect();
    }
  });

  it('bench:digest --use-redis-url: delivers against REDIS_URL and deletes its subscriptions, records and BullMQ keys', async () => {
    expect(await admin.dbsize()).toBe(0);
    const r = await bench('bench-digest', ['--subs', '40', '--concurrency', '8', '--use-redis-url'], { REDIS_URL: named.url });
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain('40 delivered');
    expect(r.out).toContain('channels posted to other than exactly once: 0');
    expect(Number(/deleted the bench's (\d+) keys/.exec(r.out)?.[1])).toBeGreaterThanOrEqual(80);
    expect(await admin.dbsize()).toBe(0);
  });

  it('bench:digest without --use-redis-url: a redis-server of its own even with REDIS_URL set, which it leaves alone', async () => {
    const r = await bench('bench-digest', ['--subs', '20', '--concurrency', '8'], { REDIS_URL: named.url });
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/Redis: a redis-server of its own on redis:\/\/127\.0\.0\.1:\d+ \(REDIS_URL is set but not used/);
    expect(await admin.dbsize()).toBe(0);
  });
});
