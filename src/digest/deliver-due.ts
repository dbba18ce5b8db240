import { forLog } from '../logger.js';
import { noMetrics, reasonCode } from '../metrics.js';
import { deliverDigest, type DeliveryDeps, type DeliveryResult } from './deliver-digest.js';
import { findDue, type DueDigest } from './find-due.js';

/** What one pass over the due digests did, by outcome. */
export interface RunReport {
  due: number;
  delivered: number;
  /** already sent (by another runner), unsubscribed, inactive, or no sender for the platform */
  skipped: number;
  /** another runner holds the claim; a pass after its lease delivers, if it did not */
  held: number;
  deactivated: number;
  /** still failing after the last retry */
  failed: number;
}

export interface RunOptions {
  /** digests delivered at the same time */
  concurrency: number;
  /** tries per digest, the first included */
  maxAttempts: number;
  /** the longest Retry-After this pass waits for; longer ones are left to a pass after it */
  maxWaitMs: number;
  /** how to wait between tries (tests pass one that does not really wait) */
  sleep?: (ms: number) => Promise<void>;
}

/** The options every trigger uses unless told otherwise: up to 5 tries, waiting at most a minute for one. */
export const DEFAULT_RETRIES: Pick<RunOptions, 'maxAttempts' | 'maxWaitMs'> = { maxAttempts: 5, maxWaitMs: 60_000 };

/** A claim held for at most this long is looked at again in the same pass (a killed holder's heartbeat TTL fits). */
const HELD_RECHECK_MS = 10_000;

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** At most `n` tasks at once, the others queued in order; a task waiting between tries holds no slot. */
function slots(n: number): <T>(task: () => Promise<T>) => Promise<T> {
  let free = n;
  const queue: (() => void)[] = [];
  return async (task) => {
    if (free > 0) free -= 1;
    else await new Promise<void>((r) => queue.push(r));
    try {
      return await task();
    } finally {
      const next = queue.shift();
      if (next) next();
      else free += 1;
    }
  };
}

async function deliverWithRetries(deps: DeliveryDeps, d: DueDigest, opts: RunOptions, run: <T>(task: () => Promise<T>) => Promise<T>): Promise<DeliveryResult> {
  const sleep = opts.sleep ?? realSleep;
  for (let attempt = 1; ; attempt++) {
    const r = await run(() => deliverDigest(deps, d.sub, d.date, attempt));
    // held: by a living runner (it will deliver) or by one killed moments ago, whose heartbeat runs out within
    // forMs; look again then, a few times, so a killed runner's digests go out in this pass
    const waitMs = r.status === 'retry' ? r.afterMs : r.status === 'held' && r.forMs <= HELD_RECHECK_MS ? r.forMs + 50 : undefined;
    if (waitMs === undefined || attempt >= opts.maxAttempts || waitMs > opts.maxWaitMs) return r;
    await sleep(waitMs);
  }
}

/**
 * THE delivery path: deliver every digest due now (or the ones already found due), once, and report. Whatever
 * triggers a delivery calls this: BullMQ's job scheduler in plan-bot serve (bullmq-trigger.ts), `plan-bot digest
 * run` from cron, and the in-process loop without Redis (interval-trigger.ts). Any number of passes may run at
 * once, in one process or many: each digest's claim lets one of them send it (deliver-digest.ts). At most
 * `concurrency` digests are being delivered at once; one that waits before its next try (a Retry-After) does not
 * count, so a rate-limited workspace's digests never hold back another workspace's.
 */
export async function deliverDue(deps: DeliveryDeps, opts: RunOptions, found?: DueDigest[]): Promise<RunReport> {
  const due = found ?? (await findDue(deps.store, deps.now()));
  const report: RunReport = { due: due.length, delivered: 0, skipped: 0, held: 0, deactivated: 0, failed: 0 };
  // a digest waiting out a Retry-After gives its slot up: one workspace's 429 never holds back another's digests
  const run = slots(Math.max(1, Math.min(opts.concurrency, due.length)));
  const metrics = deps.metrics ?? noMetrics;
  await Promise.all(
    due.map(async (d) => {
      try {
        const r = await deliverWithRetries(deps, d, opts, run);
        if (r.status === 'retry') {
          // still failing after this pass's last try: a later pass tries again, but this one gives up on it
          report.failed += 1;
          metrics.digestFailure(d.sub.platform, reasonCode(r.reason));
        } else if (r.status === 'skipped') report.skipped += 1;
        else report[r.status] += 1;
      } catch (err) {
        report.failed += 1;
        metrics.digestFailure(d.sub.platform, 'error');
        deps.logger.error({ err: forLog((err as Error).message), sub: d.sub.id }, 'digest delivery failed');
      }
    }),
  );
  return report;
}
