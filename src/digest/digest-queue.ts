import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { z } from 'zod';
import { CodedError } from '../errors.js';
import { forLog } from '../logger.js';
import { deliverDigest, type DeliveryDeps, type DeliveryResult } from './deliver-digest.js';
import { backoffMs } from './digest-sender.js';
import { findDue } from './find-due.js';

/** The BullMQ queue every replica shares. */
export const DIGEST_QUEUE = 'digest';
/** The id of the repeatable job that makes some replica look for due digests every tick. */
const TICK_SCHEDULER = 'digest-tick';
const DAY_S = 24 * 3600;

/** A deliver job: which subscription, for which local date (also its job id, so enqueueing is idempotent). */
export const DeliverJob = z.object({ subId: z.string().regex(/^sub_[0-9a-f]+$/), date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) });
export type DeliverJob = z.infer<typeof DeliverJob>;

/** BullMQ job id of one subscription's digest for one local date: the same id from every replica. */
export function deliverJobId(subId: string, date: string): string {
  return `digest:${subId}:${date}`;
}

/** Thrown by the processor to have BullMQ try a job again after a given delay (Retry-After, a held claim). */
class RetryLaterError extends CodedError {
  constructor(
    readonly afterMs: number,
    message: string,
  ) {
    super('DIGEST_RETRY_LATER', message);
  }
}

export interface DigestQueueOptions {
  redisUrl: string;
  /** BullMQ key prefix (e.g. "plan-bot:bull"), so several deployments or tests can share a Redis */
  prefix: string;
  deps: DeliveryDeps;
  /** digests one replica delivers at the same time */
  concurrency: number;
  /** how often some replica looks for due digests (default one minute) */
  tickEveryMs?: number;
  /** tries per digest before BullMQ gives up on it for the day (default 10) */
  maxAttempts?: number;
}

/**
 * Digest delivery on BullMQ. A job scheduler makes one replica per tick enqueue the due digests with
 * job id digest:{sub}:{localDate}, so enqueueing from any number of replicas is idempotent; BullMQ's
 * job locks make each job processed by one worker; the Store claim in deliverDigest guards the send
 * itself (crashes, and `plan-bot digest run` next to serve). Each start also enqueues at once, so a
 * replica that was down at the scheduled time delivers late, the same day.
 */
export class DigestQueue {
  private queue?: Queue;
  private worker?: Worker;
  private readonly connections: Redis[] = [];

  constructor(private readonly opts: DigestQueueOptions) {}

  private connection(): Redis {
    const r = new Redis(this.opts.redisUrl, { maxRetriesPerRequest: null });
    r.on('error', (err: Error) => this.opts.deps.logger.warn({ err: forLog(err.message) }, 'digest queue redis error'));
    this.connections.push(r);
    return r;
  }

  /** Connect, start the worker, register the tick and enqueue what is due now. */
  async start(): Promise<void> {
    const { prefix, concurrency } = this.opts;
    const log = this.opts.deps.logger;
    this.queue = new Queue(DIGEST_QUEUE, { connection: this.connection(), prefix });
    this.worker = new Worker(DIGEST_QUEUE, (job) => this.process(job), {
      connection: this.connection(),
      prefix,
      concurrency,
      settings: { backoffStrategy: (attemptsMade, _type, err) => (err instanceof RetryLaterError ? err.afterMs : backoffMs(attemptsMade)) },
    });
    this.worker.on('error', (err) => log.error({ err: forLog(err.message) }, 'digest worker error'));
    this.worker.on('failed', (job, err) => log.warn({ job: job?.id, attempts: job?.attemptsMade, err: forLog(err.message) }, 'digest job failed'));
    await this.queue.upsertJobScheduler(TICK_SCHEDULER, { every: this.opts.tickEveryMs ?? 60_000 }, { name: 'tick', data: {}, opts: { removeOnComplete: true, removeOnFail: 100 } });
    await this.enqueueDue();
  }

  /** Enqueue every digest due now (for the platforms this replica can send to); returns how many were due. */
  async enqueueDue(): Promise<number> {
    if (!this.queue) throw new CodedError('STORE_UNAVAILABLE', 'the digest queue is not started');
    const { deps } = this.opts;
    const due = (await findDue(deps.store, deps.now())).filter((d) => d.platform in deps.senders);
    for (let i = 0; i < due.length; i += 1000) {
      await this.queue.addBulk(
        due.slice(i, i + 1000).map((d) => ({
          name: 'deliver',
          data: { subId: d.subId, date: d.date } satisfies DeliverJob,
          opts: {
            jobId: deliverJobId(d.subId, d.date),
            attempts: this.opts.maxAttempts ?? 10,
            backoff: { type: 'digest' },
            // kept two days, so the same id enqueued again that day is ignored
            removeOnComplete: { age: 2 * DAY_S },
            removeOnFail: { age: 7 * DAY_S },
          },
        })),
      );
    }
    if (due.length) deps.logger.info({ due: due.length }, 'digests enqueued');
    return due.length;
  }

  private async process(job: Job): Promise<unknown> {
    if (job.name === 'tick') return { enqueued: await this.enqueueDue() };
    const data = DeliverJob.safeParse(job.data);
    if (!data.success) throw new UnrecoverableError(new CodedError('DIGEST_JOB_INVALID', `job ${job.id}: ${data.error.message}`).message);
    const { deps } = this.opts;
    const r: DeliveryResult = await deliverDigest(deps, data.data.subId, data.data.date, job.attemptsMade + 1);
    if (r.status === 'held') throw new RetryLaterError(Math.max(1000, r.until - deps.now() + 1000), 'claim held by another runner');
    if (r.status === 'retry') throw new RetryLaterError(r.afterMs, r.reason);
    if (r.status === 'skipped' && r.why === 'no-sender') throw new RetryLaterError(60_000, 'no sender for this platform on this replica');
    return r;
  }

  /** The BullMQ queue (tests and the benchmark read its counts). */
  get bullQueue(): Queue {
    if (!this.queue) throw new CodedError('STORE_UNAVAILABLE', 'the digest queue is not started');
    return this.queue;
  }

  /** Stop taking jobs, let running ones finish, and close the connections. */
  async stop(): Promise<void> {
    await this.worker?.close();
    await this.queue?.close();
    await Promise.all(this.connections.map((c) => c.quit().catch((err: Error) => this.opts.deps.logger.debug({ err: forLog(err.message) }, 'redis quit'))));
    this.connections.length = 0;
  }
}
