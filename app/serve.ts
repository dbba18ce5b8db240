import { Bot, type SubscriptionHandler } from '../src/conversation/bot.js';
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
import { storeReadiness, warnAboutDurability } from './readiness.js';
import { digestSenders, loadChatPlatforms } from './platforms.js';

/**
 * The platforms plan-bot serve starts, in order: the chat platforms (each brings its routes, digest sender and
 * conversation reference; only the configured ones load their SDK), then the daily digest scheduler, posting
 * through the chat platforms' digest senders.
 */
export async function defaultProviders(config: Config): Promise<PlatformProvider<Config>[]> {
  const chat = await loadChatPlatforms(config);
  return [...chat, digestProvider<Config>({ senders: (deps) => digestSenders(chat, deps) })];
}

/** What a subscription made from a message keeps for posting later: asked of the message's platform. */
function conversationRef(providers: PlatformProvider<Config>[], store: Store): (msg: InboundMessage) => Promise<unknown> {
  return async (msg) => providers.find((p) => p.name === msg.platform)?.conversationRef?.(store, msg);
}

/** Whether the bot can post in a channel: asked of the channel's platform, when it can tell (状态 / /plan status). */
function postCheck(providers: PlatformProvider<Config>[], config: Config, logger: Logger): PostCheck {
  const checks = new Map(providers.map((p) => [p.name, p.postCheck?.({ config, logger })] as const));
  return async (channel) => checks.get(channel.platform)?.(channel);
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
  /** how long close() waits for in-flight requests; default 10 s */
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
  /** stop taking requests, finish those in flight and the answers being posted, then close Redis */
  close(): Promise<void>;
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
  const subscriptions = opts.subscriptions ?? createSubscriptionHandler({ knowledge, store, logger, conversationRef: conversationRef(providers, store), canPost: postCheck(providers, config, logger) });
  const bot = new Bot({ knowledge, store, contextTtlSeconds: config.contextTtlSeconds, logger, subscriptions, answerCacheSize: config.answerCacheSize });
  let opened: { name: string; platform: Platform }[] = [];
  let server: RunningServer;
  try {
    opened = await openPlatforms(providers, { config, knowledge, store, bot, logger });
    if (opened.length === 0) logger.warn('no chat platform is configured: serving only /healthz and /readyz');
    server = await startHttpServer({ port: config.port, host: opts.host ?? config.host, routes: mergeRoutes(opened), ready: config.redisUrl ? storeReadiness(store) : undefined, logger });
    for (const { platform } of opened) await platform.start?.();
  } catch (err) {
    await Promise.allSettled(opened.map((o) => o.platform.close()));
    await store.close();
    throw err;
  }
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      await server.close(opts.graceMs ?? 10_000);
      for (const { name, platform } of [...opened].reverse()) {
        await platform.close().catch((err: Error) => logger.error({ platform: name, err: forLog(err.message) }, 'platform did not close cleanly'));
      }
      await store.close();
    })());
  logger.info({ host: opts.host ?? config.host, port: server.port, platforms: opened.map((o) => o.name), store: store.kind }, 'plan-bot serving');
  return { port: server.port, server, config, store, bot, logger, close };
}

/** How long in-flight requests get to finish on SIGTERM, and how long the whole shutdown may take before it is forced. */
const REQUEST_GRACE_MS = 10_000;
const SHUTDOWN_DEADLINE_MS = 20_000;

/**
 * plan-bot serve: run until SIGTERM or SIGINT, then drain in-flight requests, finish the digests being sent, close
 * Redis, log "plan-bot stopped" once all of that is done, and exit 0. A shutdown that outlives its deadline (a
 * digest pass waiting on a platform, a socket that will not close), or a second signal, forces exit 1.
 */
export async function runServe(config: Config): Promise<number> {
  const serving = await startServe({ config, graceMs: REQUEST_GRACE_MS });
  const log = serving.logger;
  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      log.info({ signal, graceMs: REQUEST_GRACE_MS, deadlineMs: SHUTDOWN_DEADLINE_MS }, 'draining in-flight requests, then closing');
      const force = (why: string) => {
        log.error({ signal }, `plan-bot did not stop cleanly (${why}); forcing exit`);
        process.exit(1);
      };
      setTimeout(() => force(`still closing after ${SHUTDOWN_DEADLINE_MS} ms`), SHUTDOWN_DEADLINE_MS).unref();
      process.once('SIGTERM', () => force('second SIGTERM'));
      process.once('SIGINT', () => force('second SIGINT'));
      void serving.close().then(resolve, (err: Error) => force(`close failed: ${forLog(err.message)}`));
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
  // true now: no request in flight, no digest pass running, platforms and Redis closed
  log.info('plan-bot stopped');
  return 0;
}
