// A redis-server of our own on a free loopback port, for tests and benchmarks that need one they can stop.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';

/** A free TCP port on 127.0.0.1 (the OS picks it; it is released before returning). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

/** Whether a Redis answers PING at this URL (one short attempt, no retries). */
export async function redisAnswers(url: string, onError?: (message: string) => void): Promise<boolean> {
  const r = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 1000, retryStrategy: () => null });
  r.on('error', () => undefined);
  try {
    await r.connect();
    return (await r.ping()) === 'PONG';
  } catch (err) {
    onError?.((err as Error).message);
    return false;
  } finally {
    r.disconnect();
  }
}

/**
 * Start redis-server (no persistence) on a port, or a free one, and wait until it answers; throws a clear error if it
 * cannot. With `requirepass` it asks for that password, and the URL carries it.
 */
export async function startRedisServer(port?: number, timeoutMs = 5000, opts: { requirepass?: string } = {}): Promise<{ url: string; port: number; child: ChildProcess }> {
  const p = port ?? (await freePort());
  const auth = opts.requirepass ? ['--requirepass', opts.requirepass] : [];
  const child = spawn('redis-server', ['--port', String(p), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', ...auth], { stdio: 'ignore' });
  let spawnError: Error | undefined;
  child.on('error', (err) => (spawnError = err));
  const url = opts.requirepass ? `redis://:${encodeURIComponent(opts.requirepass)}@127.0.0.1:${p}` : `redis://127.0.0.1:${p}`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (spawnError) throw new Error(`redis-server could not start (${spawnError.message}); install redis-server or set REDIS_URL`);
    if (await redisAnswers(url)) return { url, port: p, child };
    await new Promise((res) => setTimeout(res, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`redis-server on port ${p} did not answer within ${timeoutMs} ms`);
}
