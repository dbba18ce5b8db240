import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { forLog, type Logger } from '../src/logger.js';
import type { AnswerOutcome, Metrics } from '../src/metrics.js';

/** Answer latency buckets (seconds): the matcher answers in well under a millisecond, a store round trip in a few. */
const ANSWER_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/** Digest lag buckets (seconds): a pass every minute, retries of rate limits, a runner taking over a lease. */
const LAG_BUCKETS = [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600, 7200, 21600];

export interface PromMetricsOptions {
  /** how many Slack installations there are (OAuth mode), read at each scrape; absent: the gauge reports 0 */
  countInstallations?: () => Promise<number>;
  logger: Logger;
}

/** plan-bot's metrics in a prom-client registry of its own: what /metrics serves, and the Metrics the core calls. */
export interface PromMetrics {
  registry: Registry;
  metrics: Metrics;
}

/** One labelled series of a counter: increments since the last scrape, and the prom-client child they go to then. */
interface Tally {
  child: Counter.Internal;
  n: number;
}

/** A one-level cache of a metric's labelled children, by their one label value. */
function one<C>(make: (label: string) => C): (label: string) => C {
  const m = new Map<string, C>();
  return (label) => {
    let c = m.get(label);
    if (!c) m.set(label, (c = make(label)));
    return c;
  };
}

/**
 * A two-level cache of a metric's labelled children: the hot path looks its child up in two Maps, never building a
 * label object or a hash key per call. The label values are bounded (route keys, status codes, intents), so it is too.
 */
function children<A, B, C>(make: (a: A, b: B) => C): (a: A, b: B) => C {
  const top = new Map<A, Map<B, C>>();
  return (a, b) => {
    let inner = top.get(a);
    if (!inner) top.set(a, (inner = new Map()));
    let c = inner.get(b);
    if (!c) inner.set(b, (c = make(a, b)));
    return c;
  };
}

/**
 * Build plan-bot's Prometheus metrics (names in the README's metrics table) and Node's default process metrics, in a
 * registry of their own, so two servers in one process (tests) never share counts.
 */
export function createPromMetrics(opts: PromMetricsOptions): PromMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  // counters count in plain numbers on the hot path and hand the counts to prom-client when scraped (tallies below)
  const tallies: Tally[] = [];
  const flush = () => {
    for (const t of tallies) {
      if (t.n === 0) continue;
      t.child.inc(t.n);
      t.n = 0;
    }
  };
  const counter = <L extends string>(name: string, help: string, labelNames: readonly L[]) => {
    const c = new Counter({ name, help, labelNames, registers, collect: flush });
    return (...values: string[]): Tally => {
      const t = { child: c.labels(...values), n: 0 };
      tallies.push(t);
      return t;
    };
  };
  const requests = counter('plan_bot_http_requests_total', 'HTTP requests by platform, route (the registered path) and status', ['platform', 'route', 'status']);
  const answers = counter('plan_bot_answers_total', 'Messages answered by platform, intent and outcome (answered, no-match, typo-corrected)', ['platform', 'intent', 'outcome']);
  const contextErrors = counter('plan_bot_context_store_errors_total', 'Conversation context reads and writes that failed (the answer went out without context)', ['op']);
  const deliveries = counter('plan_bot_digest_deliveries_total', 'Daily digests posted', ['platform']);
  const failures = counter('plan_bot_digest_failures_total', "Daily digests that did not go out (deactivated, or still failing after a pass's last try), by reason", ['platform', 'reason']);
  const retries = counter('plan_bot_digest_retries_total', 'Digest attempts that did not post and are tried again, by reason', ['platform', 'reason']);
  const latency = new Histogram({ name: 'plan_bot_answer_duration_seconds', help: 'How long the bot took to answer a message (context read and write included)', labelNames: ['platform'] as const, buckets: ANSWER_BUCKETS, registers });
  const lag = new Histogram({ name: 'plan_bot_digest_lag_seconds', help: 'How long after its scheduled local time a digest was posted', labelNames: ['platform'] as const, buckets: LAG_BUCKETS, registers });
  const count = opts.countInstallations;
  new Gauge({
    name: 'plan_bot_installations',
    help: 'Slack workspaces and orgs that installed plan-bot (OAuth mode; 0 in single-workspace mode)',
    registers,
    async collect() {
      if (!count) return;
      try {
        this.set(await count());
      } catch (err) {
        // a scrape while Redis is down still answers; the gauge keeps its last value
        opts.logger.warn({ err: forLog((err as Error).message) }, 'metrics: could not count installations');
      }
    },
  });
  // platform → route → status → tally (the status is a number: no string is made for it per request)
  const requestTally = children<string, string, Map<number, Tally>>(() => new Map());
  const answerTally = children((platform: string, intent: string): Record<AnswerOutcome, Tally> => ({ answered: answers(platform, intent, 'answered'), 'no-match': answers(platform, intent, 'no-match'), 'typo-corrected': answers(platform, intent, 'typo-corrected') }));
  const latencyChild = one((p) => latency.labels(p));
  const lagChild = one((p) => lag.labels(p));
  const deliveryTally = one((p) => deliveries(p));
  const contextTally = one((op) => contextErrors(op));
  const failureTally = children((p: string, reason: string) => failures(p, reason));
  const retryTally = children((p: string, reason: string) => retries(p, reason));
  const metrics: Metrics = {
    httpRequest(platform, route, status) {
      const byStatus = requestTally(platform, route);
      let t = byStatus.get(status);
      if (!t) byStatus.set(status, (t = requests(platform, route, String(status))));
      t.n += 1;
    },
    answer(platform, intent, outcome, seconds) {
      answerTally(platform, intent)[outcome].n += 1;
      latencyChild(platform).observe(seconds);
    },
    contextStoreError: (op) => void (contextTally(op).n += 1),
    digestDelivered(platform, lagSeconds) {
      deliveryTally(platform).n += 1;
      lagChild(platform).observe(lagSeconds);
    },
    digestRetry: (platform, reason) => void (retryTally(platform, reason).n += 1),
    digestFailure: (platform, reason) => void (failureTally(platform, reason).n += 1),
  };
  return { registry, metrics };
}
