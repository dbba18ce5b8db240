// A Redis that takes the connection but does not answer (stalled, overloaded, still loading) while `plan-bot serve`
// starts: serve must start anyway, say redis_down on /readyz, and be ready once Redis answers. Found by the secrets
// test on a loaded machine: the digest scheduler's first assertion threw, serve printed INTERNAL and, its BullMQ
// connections still open, never exited.
import { describe, expect, it } from 'vitest';
import { startRedisServer } from '../support/local-redis.js';
import { startServeChild } from '../support/serve-process.js';

async function readyz(base: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${base}/readyz`);
  return { status: res.status, body: await res.json() };
}

describe('plan-bot serve with a Redis that does not answer at start', () => {
  it('starts, answers 503 redis_down, becomes ready once Redis answers, and stops cleanly', async () => {
    const redis = await startRedisServer();
    redis.child.kill('SIGSTOP');
    let c: Awaited<ReturnType<typeof startServeChild>> | undefined;
    try {
      c = await startServeChild({ REDIS_URL: redis.url, REDIS_PREFIX: `plan-bot-test:stalled:${process.pid}:`, SHUTDOWN_GRACE_MS: '3000' });
      expect(await readyz(c.base)).toEqual({ status: 503, body: { ok: false, reason: 'redis_down' } });
      expect(c.records().some((r) => r.msg?.startsWith('could not assert the digest scheduler at start'))).toBe(true);
      redis.child.kill('SIGCONT');
      const deadline = Date.now() + 10_000;
      while ((await readyz(c.base)).status !== 200) {
        if (Date.now() > deadline) throw new Error('/readyz did not turn 200 after Redis answered');
        await new Promise((r) => setTimeout(r, 100));
      }
      c.signal('SIGTERM');
      const exit = await c.exited;
      expect(exit.code).toBe(0);
      expect(c.records().at(-1)!.msg).toBe('plan-bot stopped');
      expect(c.lines.some((l) => l.includes('INTERNAL'))).toBe(false);
    } finally {
      c?.kill();
      redis.child.kill('SIGKILL');
    }
  });
});
