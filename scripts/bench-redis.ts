// The Redis a benchmark may write to, and the promise to leave it as it was found: a redis-server of the bench's own
// (no persistence, stopped at the end) unless the user named one in REDIS_URL; in a named Redis every key the bench
// wrote is under its own prefixes and deleted by SCAN at the end, also when the bench fails or is interrupted.
import type { ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { startRedisServer } from '../test/support/local-redis.ts';

export interface BenchRedis {
  url: string;
  /** true: the user's REDIS_URL (keys are deleted at the end); false: a redis-server of the bench's own */
  named: boolean;
  /** how it was chosen, for the bench's first line */
  describe: string;
  /** delete the bench's keys (named Redis) and stop the own redis-server; safe to call more than once */
  release(): Promise<void>;
}

/** Escape SCAN MATCH's glob characters in a literal prefix. */
function globLiteral(s: string): string {
  return s.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}

/** Delete every key under a prefix with SCAN and UNLINK, never KEYS (a shared Redis keeps serving meanwhile); returns how many. */
export async function deleteByPrefix(url: string, prefix: string, client?: Redis): Promise<number> {
  if (!prefix) throw new Error('deleteByPrefix needs a non-empty prefix');
  const r = client ?? new Redis(url, { maxRetriesPerRequest: 2 });
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', `${globLiteral(prefix)}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) deleted += await r.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    if (!client) r.disconnect();
  }
  return deleted;
}

/** How long commands already sent by the bench's clients get to land before an interrupted bench deletes its keys. */
const IN_FLIGHT_MS = 300;

/**
 * Stop every ioredis client of this process but `keep` from sending anything more (they get an error instead):
 * an interrupted bench is still running its loop, and a key it writes after the clean-up would be left behind.
 */
function fenceRedisClients(keep: Redis): void {
  const send = Redis.prototype.sendCommand;
  Redis.prototype.sendCommand = function (this: Redis, ...args: Parameters<Redis['sendCommand']>) {
    if (this === keep) return send.apply(this, args);
    const command = args[0] as unknown as { reject(err: Error): void; promise: ReturnType<Redis['sendCommand']> };
    command.reject(new Error('the bench was interrupted'));
    return command.promise;
  } as Redis['sendCommand'];
}

/**
 * The Redis for a benchmark. `prefer: 'named'` uses REDIS_URL when it is set; `prefer: 'own'` starts a redis-server
 * even then (so INFO counts no other client) and falls back to REDIS_URL only when it cannot. Never a Redis nobody
 * named: without REDIS_URL and without redis-server it fails. `prefixes` are every key prefix the bench writes under;
 * in a named Redis they must be the bench's alone (a pid or random part), since everything under them is deleted.
 */
export async function benchRedis(opts: { prefer: 'named' | 'own'; prefixes: string[]; redisUrl?: string }): Promise<BenchRedis> {
  const named = opts.redisUrl;
  let own: { url: string; child: ChildProcess } | undefined;
  let ownError: Error | undefined;
  if (!named || opts.prefer === 'own') {
    try {
      own = await startRedisServer();
    } catch (err) {
      ownError = err as Error;
    }
  }
  if (!own && !named) throw new Error(`REDIS_URL is not set and no redis-server of the bench's own could be started (${ownError?.message}); install redis-server or name a Redis in REDIS_URL`);
  const deleteAll = async (client?: Redis) => {
    let n = 0;
    for (const p of opts.prefixes) n += await deleteByPrefix(named!, p, client);
    console.error(`deleted the bench's ${n} keys (${opts.prefixes.map((p) => `${p}*`).join(', ')}) from ${withoutPassword(named!)}`);
  };
  let released: Promise<void> | undefined;
  const release = () =>
    (released ??= (async () => {
      if (own) own.child.kill('SIGKILL');
      else await deleteAll();
    })());
  // whatever way the bench ends, its own redis-server ends with it
  if (own) process.once('exit', () => own.child.kill('SIGKILL'));
  // an interrupted bench (Ctrl-C, a kill) cleans up too, then exits as interrupted; its loop, still running, is
  // fenced off first, and its own release() (it unwinds once its commands fail) waits for this clean-up, which exits
  const interrupted = async () => {
    if (own) return void own.child.kill('SIGKILL');
    const cleaner = new Redis(named!, { maxRetriesPerRequest: 2 });
    fenceRedisClients(cleaner);
    await new Promise((r) => setTimeout(r, IN_FLIGHT_MS));
    try {
      await deleteAll(cleaner);
    } finally {
      cleaner.disconnect();
    }
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`${signal}: cleaning up the bench's Redis`);
      void (released ??= interrupted()).catch((err: Error) => console.error(`could not clean up: ${err.message}`)).finally(() => process.exit(130));
    });
  }
  if (own) return { url: own.url, named: false, describe: `a redis-server of its own on ${own.url}${named ? ' (REDIS_URL is set but not used, so that INFO counts no other client)' : ''}`, release };
  const why = ownError ? ` (no redis-server of its own: ${ownError.message})` : '';
  return { url: named!, named: true, describe: `REDIS_URL ${withoutPassword(named!)}${why}; the bench's keys are deleted at the end`, release };
}

/** A Redis URL fit to print: its password, if any, replaced. */
export function withoutPassword(url: string): string {
  return url.replace(/^(rediss?:\/\/[^:@/]*:)[^@/]*@/, '$1***@');
}
