import { forLog, type Logger } from '../src/logger.js';
import type { Readiness } from '../src/server.js';
import { durabilityProblems } from '../src/store/redis-durability.js';
import { RedisStore } from '../src/store/redis-store.js';
import type { Store } from '../src/store/store.js';

/** How long /readyz keeps answering data_lost after a loss was noticed, so probes and people see it. */
export const DATA_LOST_REPORT_MS = 10 * 60_000;

/**
 * /readyz for serve with Redis: redis_down when it does not answer, data_lost for a while after its data
 * vanished (the epoch check, which also re-creates the epoch), otherwise ready.
 */
export function storeReadiness(store: Store, now: () => number = Date.now): () => Promise<Readiness> {
  return async () => {
    if (!(await store.ping())) return { ok: false, reason: 'redis_down' };
    let lostAt: number | undefined;
    try {
      ({ lostAt } = await store.checkData());
    } catch {
      return { ok: false, reason: 'redis_down' };
    }
    if (lostAt !== undefined && now() - lostAt < DATA_LOST_REPORT_MS) return { ok: false, reason: 'data_lost' };
    return { ok: true };
  };
}

/** At start: warn, saying what to set, when this Redis's settings can lose data (eviction, no persistence). */
export async function warnAboutDurability(store: Store, logger: Logger): Promise<void> {
  if (!(store instanceof RedisStore)) return;
  try {
    for (const problem of await durabilityProblems(store.redis)) logger.warn({ code: 'STORE_NOT_DURABLE' }, `Redis can lose plan-bot's data: ${problem} (README: Running Redis for plan-bot)`);
  } catch (err) {
    logger.info({ err: forLog((err as Error).message) }, 'could not read Redis persistence settings (CONFIG GET refused?); make sure of noeviction and AOF yourself');
  }
}
