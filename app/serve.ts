import { webPlatform } from '../adapters/web/web-platform.js';
import { Bot, subscriptionsElsewhere, type SubscriptionHandler } from '../src/conversation/bot.js';
import { digestProvider } from '../src/digest/digest-platform.js';
import { createSubscriptionHandler } from '../src/digest/subscription-commands.js';
import type { PostCheck } from '../src/digest/subscription-status.js';
import { CodedError } from '../src/errors.js';
import type { InboundMessage } from '../src/inbound.js';
import { loadKnowledge, type Knowledge } from '../src/knowledge.js';
import { createLogger, forLog, type Logger } from '../src/logger.js';
import type { Platform, PlatformDeps, PlatformProvider } from '../src/platform.js';
import { startHttpServer, type RouteHandler, type RunningServer } from '../src/server.js';
import { openStore } from '../src/store/open-store.js';
import type { Store } from '../src/store/store.js';
import { loadConfig, type Config } from './config.js';
import { applyHeapGrowth } from './heap-growth.js';
import { reportLaunchSettings } from './launch-settings.js';
import { metricsRoute } from './metrics-route.js';
import { storeReadiness, warnAboutDurability } from './readiness.js';
import { digestSenders, isChatPlatform, loadChatPlatforms } from './platforms.js';

/**
 * The platforms plan-bot serve starts, in order: the chat platforms (each brings its routes, digest sender and
 * conversation reference; only the configured ones load their SDK), the web side (reader pages, local chat; no SDK),
 * then the daily digest scheduler, posting
 * through the chat platforms' digest senders.
 */
export async function defaultProviders(config: Config): Promise<PlatformProvider<Config>[]> {
  const chat = await loadChatPlatforms(config);
  return [...chat, webPlatform, digestProvider<Config>({ senders: (deps) => digestSenders(chat, deps) })];
}

/** What a subscription made from a message keeps for posting later: asked of the message's platform. */
function conversationRef(providers: PlatformProvider<Config>[], store: Store): (msg: InboundMessage) => Promise<unknown> {
  return async (msg) => providers.find((p) => p.name === msg.platform)?.conversationRef?.(store, msg);
}

/** Whether the bot can post in a channel: asked of the channel's platform, when it can tell (状态 / /plan status). */
function postCheck(providers: PlatformProvider<Config>[], config: Config, logger: Logger, store: Store): PostCheck {
  const checks = new Map(providers.map((p) => [p.name, p.postCheck?.({ config, logger, store })] as const));
  return async (channel) => checks.get(channel.platform)?.(channel);
}

/** Subscriptions only where digests can be posted (Slack, Teams); the local web chat is told where to subscribe. */
function onlyChatPlatforms(handler: SubscriptionHandler): SubscriptionHandler {
  return async (intent, msg, ctx) => (isChatPlatform(msg.platform) ? handler(intent, msg, ctx) : subscriptionsElsewhere(intent.type));
}

export interface ServeOptions {
  /** validated configuration; default: loadConfig() from the environment */
  config?: Config;
  logger?: Logger;
  /** already loaded content (tests load it once per file) */
  knowledge?: Knowledge;
  /** platforms to start; default defaultProviders(config) */
  providers?: PlatformProvider<Config>[];
  /** the digest feature's handler for 订阅 / 取消订阅 / 订阅列表, passed to the bot */
  subscriptions?: SubscriptionHandler;
  /** interface to listen on; default the configuration's HOST */
  host?: string;
  /** how long close() gives in-flight requests, answers being posted and digest passes; default SHUTDOWN_GRACE_MS */
  graceMs?: number;
}

/** A running plan-bot serve: its server and parts, and the one way to stop it. */
export interface Serving {
  port: number;
  server: RunningServer;
  config: Config;
  store: Store;
  bot: Bot;
  logger: Logger;
  /** the port of the metrics server (METRICS_PORT), when there is one */
  metricsPort?: number;
  /** stop taking requests, finish those in flight and the answers being posted, then close Redis; says what did not finish in time */
  close(): Promise<CloseReport>;
}

/** How a close ended: clean, or what was still unfinished when the grace period ran out (and was cut off). */
export interface CloseReport {
  clean: boolean;
  unfinished: string[];
}

/** How long Redis gets to close when the grace period has already run out. */
const STORE_CLOSE_MS = 1_000;

/** Settle with the promise's outcome, or 'late' once ms have passed (the work itself goes on). */
async function settleWithin(work: Promise<unknown>, ms: number): Promise<'done' | 'late' | Error> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), Math.max(ms, 0))));
  const r = await Promise.race([work.then(() => 'done' as const, (err: unknown) => (err instanceof Error ? err : new Error(String(err)))), late]);
  clearTimeout(timer);
  return r;
}

async function openPlatforms(providers: PlatformProvider<Config>[], deps: PlatformDeps<Config>): Promise<{ name: string; platform: Platform }[]> {
  const opened: { name: string; platform: Platform }[] = [];
  try {
    for (const provider of providers) {
      const result = await provider.open(deps);
      if ('off' in result) deps.logger.info({ platform: provider.name }, `${provider.name}: off (${result.off})`);
      else opened.push({ name: provider.name, platform: result });
    }
  } catch (err) {
    await Promise.allSettled(opened.map((o) => o.platform.close()));
    throw err;
  }
  return opened;
}

function mergeRoutes(opened: { name: string; platform: Platform }[]): Record<string, RouteHandler> {
  const routes: Record<string, RouteHandler> = {};
  for (const { name, platform } of opened) {
    for (const [path, handler] of Object.entries(platform.routes ?? {})) {
      if (routes[path]) throw new CodedError('CONFIG_INVALID', `two platforms want the path ${path} (the second is ${name})`);
      routes[path] = handler;
    }
  }
  return routes;
}

/**
 * Compose plan-bot serve: config → content → store → bot → platforms (routes) → one HTTP server. Tests call it
 * in-process (port 0); the CLI adds signal handling with runServe.
 */
export async function startServe(opts: ServeOptions = {}): Promise<Serving> {
  const config = opts.config ?? loadConfig();
  const logger = opts.logger ?? createLogger(config.logLevel);
  const knowledge = opts.knowledge ?? loadKnowledge(config.contentDir);
  // the typo corrector's pinyin keys (tens of ms) are built off the request path, once the server is up
  setImmediate(() => knowledge.corrector.warm());
  // the platforms first (their SDKs load here, only for the configured ones), before there is a store to close
  const providers = opts.providers ?? (await defaultProviders(config));
  const store = await openStore(config.redisUrl ?? 'memory', { prefix: config.redisPrefix, timeoutMs: config.redisTimeoutMs, logger });
  if (!config.redisUrl) logger.warn('REDIS_URL is not set: context, dedup and subscriptions are kept in memory and lost on restart');
  else await warnAboutDurability(store, logger);
  // prom-client is loaded only when /metrics is configured; the installations gauge counts OAuth installations
  const prom = config.metrics ? (await import('./metrics.js')).createPromMetrics({ logger, ...(config.slack?.oauth ? { countInstallations: () => store.countInstallations() } : {}) }) : undefined;
  const metrics = prom ? { metrics: prom.metrics } : {};
  const subscriptions = onlyChatPlatforms(opts.subscriptions ?? createSubscriptionHandler({ knowledge, store, logger, conversationRef: conversationRef(providers, store), canPost: postCheck(providers, config, logger, store) }));
  const bot = new Bot({ knowledge, store, contextTtlSeconds: config.contextTtlSeconds, logger, subscriptions, answerCacheSize: config.answerCacheSize, ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}), ...metrics });
  let opened: { name: string; platform: Platform }[] = [];
  let server: RunningServer | undefined;
  let metricsServer: RunningServer | undefined;
  try {
    opened = await openPlatforms(providers, { config, knowledge, store, bot, logger, ...metrics });
    if (opened.length === 0) logger.warn('no platform is configured: serving only /healthz and /readyz');
    const routes = mergeRoutes(opened);
    const ready = config.redisUrl ? storeReadiness(store) : undefined;
    if (prom && config.metrics?.port === undefined) {
      // no port of its own: on the main port, and only behind the token (the schema allows this only with METRICS_TOKEN)
      if (routes['/metrics']) throw new CodedError('CONFIG_INVALID', 'a platform serves /metrics already; set METRICS_PORT to serve the metrics on a port of their own');
      routes['/metrics'] = metricsRoute(prom.registry, config.metrics?.token);
    }
    server = await startHttpServer({ port: config.port, host: opts.host ?? config.host, routes, ready, logger, ...metrics });
    if (prom && config.metrics?.port !== undefined) {
      metricsServer = await startHttpServer({ port: config.metrics.port, host: config.metrics.host ?? opts.host ?? config.host, routes: { '/metrics': metricsRoute(prom.registry, config.metrics.token) }, ready, logger });
    }
    for (const { platform } of opened) await platform.start?.();
  } catch (err) {
    // a platform that fails to start (Socket Mode refused) must not leave the listening server holding the process
    await server?.close(0);
    await metricsServer?.close(0);
    await Promise.allSettled(opened.map((o) => o.platform.close()));
    await store.close();
    throw err;
  }
  let closing: Promise<CloseReport> | undefined;
  // one grace period for all of it: requests in flight, then each platform's pending work, then Redis
  const close = () =>
    (closing ??= (async () => {
      const graceMs = opts.graceMs ?? config.shutdownGraceMs;
      const deadline = Date.now() + graceMs;
      const unfinished: string[] = [];
      const { cut } = await server.close(graceMs);
      if (cut > 0) unfinished.push(`${cut} request(s) still in flight after ${graceMs} ms, cut off`);
      // a scrape in flight is not worth waiting for
      await metricsServer?.close(0);
      for (const { name, platform } of [...opened].reverse()) {
        const r = await settleWithin(platform.close(), deadline - Date.now());
        if (r === 'late') unfinished.push(`${name} still finishing its work after ${graceMs} ms`);
        else if (r instanceof Error) logger.error({ platform: name, err: forLog(r.message) }, 'platform did not close cleanly');
      }
      const r = await settleWithin(store.close(), Math.max(deadline - Date.now(), STORE_CLOSE_MS));
      if (r === 'late') unfinished.push('Redis still closing');
      else if (r instanceof Error) unfinished.push(`Redis did not close: ${forLog(r.message)}`);
      return { clean: unfinished.length === 0, unfinished };
    })());
  const metricsAt = metricsServer ? { metricsPort: metricsServer.port } : {};
  logger.info({ host: opts.host ?? config.host, port: server.port, platforms: opened.map((o) => o.name), store: store.kind, metrics: metricsServer ? `port ${metricsServer.port}` : prom ? '/metrics with token' : 'off' }, 'plan-bot serving');
  return { port: server.port, server, config, store, bot, logger, close, ...metricsAt };
}

/** After the grace period, how long the process may take to exit before it is forced out anyway. */
const EXIT_MARGIN_MS = 3_000;

/**
 * plan-bot serve: run until SIGTERM or SIGINT, then drain in-flight requests, finish the answers being posted and
 * the digests being sent, and close Redis, all within SHUTDOWN_GRACE_MS. "plan-bot stopped" is logged only when that
 * all finished and the process is about to exit by itself (exit 0). Anything still unfinished when the grace period
 * runs out (a request that never completes, a post to a platform that does not answer, a Redis that does not
 * answer), something still holding the process open after that, or a second signal, forces exit 1 with an error
 * line saying why.
 */
export async function runServe(config: Config): Promise<number> {
  const graceMs = config.shutdownGraceMs;
  const log = createLogger(config.logLevel);
  // this process is the server: its heap policy is set before anything is loaded (tests' in-process servers keep theirs)
  applyHeapGrowth(config.heapGrowthPercent, log);
  reportLaunchSettings(log);
  let serving: Serving | undefined;
  let signalled: NodeJS.Signals | undefined;
  let finish!: (code: number) => void;
  const finished = new Promise<number>((resolve) => (finish = resolve));
  const force = (signal: NodeJS.Signals, why: string) => {
    log.error({ signal, graceMs }, `plan-bot did not stop cleanly (${why}); forcing exit`);
    process.exit(1);
  };
  const shutDown = (s: Serving, signal: NodeJS.Signals) =>
    void s.close().then(
      (report) => {
        if (!report.clean) return force(signal, report.unfinished.join('; '));
        // true only once nothing is left: the event loop is empty and the process exits by itself
        process.once('beforeExit', () => log.info('plan-bot stopped'));
        finish(0);
      },
      (err: Error) => force(signal, `close failed: ${forLog(err.message)}`),
    );
  // listening from before start-up: a signal then is a shutdown once started, not the default kill
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) return force(signal, `second ${signal}`);
    signalled = signal;
    log.info({ signal, graceMs }, serving ? 'draining in-flight requests, then closing' : 'signal during start-up: closing as soon as started');
    // a close that hangs, or a handle nothing closes, cannot keep the process past the grace period and a margin
    setTimeout(() => force(signal, `still not exited ${graceMs + EXIT_MARGIN_MS} ms after ${signal}`), graceMs + EXIT_MARGIN_MS).unref();
    if (serving) shutDown(serving, signal);
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  try {
    serving = await startServe({ config, logger: log, graceMs });
  } catch (err) {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
    throw err;
  }
  if (signalled) shutDown(serving, signalled);
  return finished;
}
