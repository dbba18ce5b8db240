// Gives every test a real Redis: REDIS_URL when it is set (and answers), otherwise a redis-server started here
// on a free port. If neither works the run fails with a clear message; tests are never skipped.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import type { TestProject } from 'vitest/node';

async function answers(url: string): Promise<boolean> {
  const r = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 1000, retryStrategy: () => null });
  r.on('error', () => undefined);
  try {
    await r.connect();
    return (await r.ping()) === 'PONG';
  } catch (err) {
    console.warn(`redis at ${url} did not answer: ${(err as Error).message}`);
    return false;
  } finally {
    r.disconnect();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

let child: ChildProcess | undefined;

export default async function setup(project: TestProject) {
  let url = process.env.REDIS_URL;
  if (!url || !(await answers(url))) {
    const port = await freePort();
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    const spawnError = new Promise<Error>((resolve) => child!.on('error', resolve));
    url = `redis://127.0.0.1:${port}`;
    const deadline = Date.now() + 5000;
    let ok = false;
    while (Date.now() < deadline && !ok) {
      const failed = await Promise.race([spawnError, new Promise<null>((r) => setTimeout(() => r(null), 100))]);
      if (failed) throw new Error(`No Redis for the tests: REDIS_URL is unset or not answering, and redis-server could not start (${failed.message}). Install redis-server or set REDIS_URL.`);
      ok = await answers(url);
    }
    if (!ok) throw new Error(`No Redis for the tests: redis-server on port ${port} did not answer within 5 s. Set REDIS_URL to a running Redis.`);
  }
  project.provide('redisUrl', url);
  return async () => {
    child?.kill('SIGTERM');
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}
