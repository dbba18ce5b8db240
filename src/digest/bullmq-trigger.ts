import { Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { CodedError } from '../errors.js';
import { forLog } from '../logger.js';
import type { DeliveryDeps } from './deliver-digest.js';
import { deliverDue, type RunOptions, type RunReport } from './deliver-due.js';

/** The BullMQ queue every replica shares. */
export const DIGEST_QUEUE = 'digest';
/** The id of the job scheduler that makes some replica run a delivery pass every tick. */
const TICK_SCHEDULER = 'digest-tick';
/** What a tick job keeps in Redis after it ran: nothing when it succeeded, the last 100 failures. */
const TICK_OPTS = { removeOnComplete: true, removeOnFail: 100 };
/** How long stop() waits for each of BullMQ's closes before dropping the connections. */
const STOP_WAIT_MS = 3_000;

export interface BullmqTriggerOptions {
  redisUrl: string;
  /** BullMQ key prefix (e.g. "plan-bot:bull"), so several deployments or tests can share a Redis */
  prefix: string;
  deps: DeliveryDeps;
  run: RunOptions;
  /** how often some replica runs a pass (default one minute) */
  tickEveryMs?: number;
}

/**
 * plan-bot serve's trigger with Redis: BullMQ's job scheduler makes one replica per tick run the delivery pass
 * (deliverDue, the same function `plan-bot digest run` and the memory loop call). BullMQ is only the clock that
 * spreads passes over replicas; it guards nothing (exactly once is the delivery claim's job, deliver-digest.ts).
 * Each start also runs a pass at once, so a replica that was down at the scheduled time delivers late, the same day.
 */
export class BullmqTrigger {
  private queue?: Queue;
  private worker?: Worker;
  private readonly connections: Redis[] = [];
  /** this replica's own timer that re-asserts, every tick, what Redis must hold (it may have lost it) */
  private assertTimer?: NodeJS.Timeout;
  /** the latest pass of this process (the catch-up at start, or a tick); passes here run one after another */
  private last: Promise<unknown> = Promise.resolve();

  constructor(private readonly opts: BullmqTriggerOptions) {}

  private connection(): Redis {
    const r = new Redis(this.opts.redisUrl, { maxRetriesPerRequest: null });
    let last = '';
    r.on('error', (err: Error) => {
      // ioredis reports each failed reconnect: log a change of error once, as one line with its code
      if (err.message !== last) this.opts.deps.logger.warn({ err: forLog(err.message), code: (err as { code?: string }).code ?? err.name }, 'digest queue redis error');
      last = err.message;
    });
    r.on('ready', () => (last = ''));
    this.connections.push(r);
    return r;
  }

  /** Connect, start the worker (one tick at a time per replica), register the tick, and start a catch-up pass here. */
  async start(): Promise<void> {
    const { prefix } = this.opts;
    const log = this.opts.deps.logger;
    this.queue = new Queue(DIGEST_QUEUE, { connection: this.connection(), prefix });
    this.worker = new Worker(DIGEST_QUEUE, (job) => this.process(job), { connection: this.connection(), prefix, concurrency: 1 });
    // one JSON line per error, with its code, never a raw stack (a Redis outage makes these repeat)
    const third = (err: Error) => ({ err: forLog(err.message), code: (err as { code?: string }).code ?? err.name });
    this.queue.on('error', (err) => log.warn(third(err), 'digest queue error'));
    this.worker.on('error', (err) => log.warn(third(err), 'digest worker error'));
    this.worker.on('failed', (job, err) => log.warn({ job: job?.id, err: forLog(err.message) }, 'digest pass failed'));
    // a Redis that does not answer yet (still starting, stalled) must not stop serve from starting: the timer below
    // asserts the same again every tick
    await this.assertState().catch((err: Error) => log.warn({ err: forLog(err.message), code: (err as { code?: string }).code }, 'could not assert the digest scheduler at start (Redis not answering?); trying again every tick'));
    // never rely on keys written once: Redis may lose them (FLUSHALL, a restart without persistence), and a
    // scheduler that is gone triggers nothing, so this replica's own timer puts it back every tick
    this.assertTimer = setInterval(() => {
      this.assertState().catch((err: Error) => log.warn({ err: forLog(err.message), code: (err as { code?: string }).code }, 'could not re-assert the digest scheduler; trying again next tick'));
    }, this.opts.tickEveryMs ?? 60_000);
    this.assertTimer.unref();
    // on this replica's own clock, and in the background: serve is listening already and must stay stoppable
    this.runPass().catch((err: Error) => log.error({ err: forLog(err.message) }, 'digest catch-up pass failed'));
  }

  /**
   * What every tick makes sure of, idempotently: the data epoch is checked (a loss is reported and the epoch
   * re-created, see data-epoch.ts) and the job scheduler upserted (same id and interval: BullMQ keeps its next
   * run time, so re-asserting it never delays or doubles a tick).
   */
  private async assertState(): Promise<void> {
    await this.opts.deps.store.checkData();
    await this.queue?.upsertJobScheduler(TICK_SCHEDULER, { every: this.opts.tickEveryMs ?? 60_000 }, { name: 'tick', data: {}, opts: TICK_OPTS });
  }

  /**
   * One delivery pass in this process, after the one running here (what a tick job runs; tests call it to tick by
   * hand). Passes of one replica run one after another, so its start-up pass and its first tick do not both claim
   * the same digests; passes of different replicas may overlap, and the claims sort them out.
   */
  runPass(): Promise<RunReport> {
    const pass = this.last.then(() => deliverDue(this.opts.deps, this.opts.run));
    this.last = pass.then(
      (report) => void (report.due && this.opts.deps.logger.info({ ...report }, 'digest pass')),
      () => undefined,
    );
    return pass;
  }

  /** Resolves once no pass is running in this process. */
  async idle(): Promise<void> {
    for (let seen = this.last; ; seen = this.last) {
      await seen;
      if (seen === this.last) return;
    }
  }

  private async process(job: Job): Promise<unknown> {
    // "deliver" jobs queued by plan-bot before issue 10 carry nothing a pass needs: it finds the same digests due
    if (job.name !== 'tick') return { ignored: `${job.name} jobs are no longer used; the pass delivers` };
    return this.runPass();
  }

  /** The BullMQ queue (tests and the benchmark read its counts). */
  get bullQueue(): Queue {
    if (!this.queue) throw new CodedError('STORE_UNAVAILABLE', 'the digest queue is not started');
    return this.queue;
  }

  /**
   * Stop taking ticks, let running passes finish, and close the connections. With Redis down BullMQ's closes
   * would wait for it forever: each gets STOP_WAIT_MS, then the connections are dropped.
   */
  async stop(): Promise<void> {
    if (this.assertTimer) clearInterval(this.assertTimer);
    const log = this.opts.deps.logger;
    const bounded = async (what: string, p: Promise<unknown> | undefined) => {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((r) => (timer = setTimeout(() => r('late'), STOP_WAIT_MS)));
      const r = await Promise.race([p?.then(() => 'done' as const, (err: Error) => void log.warn({ err: forLog(err.message) }, `${what} did not close cleanly`)), late]);
      clearTimeout(timer);
      if (r === 'late') log.warn({ waitedMs: STOP_WAIT_MS }, `${what} did not close in time (Redis unreachable?); dropping its connection`);
    };
    await bounded('digest worker', this.worker?.close());
    await this.idle();
    await bounded('digest queue', this.queue?.close());
    for (const c of this.connections) {
      if (c.status === 'ready') await c.quit().catch((err: Error) => log.debug({ err: forLog(err.message) }, 'redis quit'));
      else c.disconnect();
    }
    this.connections.length = 0;
  }
}
