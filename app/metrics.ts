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
  const requests = new Counter({ name: 'plan_bot_http_requests_total', help: 'HTTP requests by platform, route (the registered path) and status', labelNames: ['platform', 'route', 'status'] as const, registers });
  const answers = new Counter({ name: 'plan_bot_answers_total', help: 'Messages answered by platform, intent and outcome (answered, no-match, typo-corrected)', labelNames: ['platform', 'intent', 'outcome'] as const, registers });
  const latency = new Histogram({ name: 'plan_bot_answer_duration_seconds', help: 'How long the bot took to answer a message (context read and write included)', labelNames: ['platform'] as const, buckets: ANSWER_BUCKETS, registers });
  const contextErrors = new Counter({ name: 'plan_bot_context_store_errors_total', help: 'Conversation context reads and writes that failed (the answer went out without context)', labelNames: ['op'] as const, registers });
  const deliveries = new Counter({ name: 'plan_bot_digest_deliveries_total', help: 'Daily digests posted', labelNames: ['platform'] as const, registers });
  const failures = new Counter({ name: 'plan_bot_digest_failures_total', help: 'Daily digests that did not go out (deactivated, or still failing after a pass\'s last try), by reason', labelNames: ['platform', 'reason'] as const, registers });
  const retries = new Counter({ name: 'plan_bot_digest_retries_total', help: 'Digest attempts that did not post and are tried again, by reason', labelNames: ['platform', 'reason'] as const, registers });
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
  // platform → route → status → child (the status is a number: no string is made for it per request)
  const requestChild = children<string, string, Map<number, Counter.Internal>>(() => new Map());
  const answerChild = children((platform: string, intent: string) => ({ answered: answers.labels(platform, intent, 'answered'), 'no-match': answers.labels(platform, intent, 'no-match'), 'typo-corrected': answers.labels(platform, intent, 'typo-corrected') }) as Record<AnswerOutcome, Counter.Internal>);
  const one = <T>(make: (label: string) => T) => {
    const m = new Map<string, T>();
    return (label: string) => {
      let c = m.get(label);
      if (!c) m.set(label, (c = make(label)));
      return c;
    };
  };
  const latencyChild = one((p) => latency.labels(p));
  const deliveryChild = one((p) => deliveries.labels(p));
  const lagChild = one((p) => lag.labels(p));
  const failureChild = children((p: string, reason: string) => failures.labels(p, reason));
  const retryChild = children((p: string, reason: string) => retries.labels(p, reason));
  const metrics: Metrics = {
    httpRequest(platform, route, status) {
      const byStatus = requestChild(platform, route);
      let c = byStatus.get(status);
      if (!c) byStatus.set(status, (c = requests.labels(platform, route, String(status))));
      c.inc();
    },
    answer(platform, intent, outcome, seconds) {
      answerChild(platform, intent)[outcome].inc();
      latencyChild(platform).observe(seconds);
    },
    contextStoreError: (op) => contextErrors.labels(op).inc(),
    digestDelivered(platform, lagSeconds) {
      deliveryChild(platform).inc();
      lagChild(platform).observe(lagSeconds);
    },
    digestRetry: (platform, reason) => retryChild(platform, reason).inc(),
    digestFailure: (platform, reason) => failureChild(platform, reason).inc(),
  };
  return { registry, metrics };
}
