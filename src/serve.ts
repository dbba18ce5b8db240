import { slackPlatform } from '../adapters/slack/slack-platform.js';
import { teamsPlatform } from '../adapters/teams/teams-platform.js';
import { loadConfig, type Config } from './config.js';
import { Bot, type SubscriptionHandler } from './conversation/bot.js';
import { CodedError } from './errors.js';
import { loadKnowledge, type Knowledge } from './knowledge.js';
import { createLogger, forLog, type Logger } from './logger.js';
import type { Platform, PlatformDeps, PlatformProvider } from './platform.js';
import { startHttpServer, type RouteHandler, type RunningServer } from './server.js';
import { openStore } from './store/open-store.js';
import type { Store } from './store/store.js';
import { loadReference } from '../adapters/teams/conversation-reference.js';
import { slackDigestSenderFrom } from '../adapters/slack/slack-digest-sender.js';
import { teamsDigestSenderFrom } from '../adapters/teams/teams-digest-sender.js';
import { digestProvider } from './digest/digest-platform.js';
import { createSubscriptionHandler } from './digest/subscription-commands.js';

/** The daily digest scheduler, posting through the configured platforms' senders (issue 6). */
const digestPlatform = digestProvider({
  senders: ({ config, store, logger }) => {
    const slack = slackDigestSenderFrom(config, logger);
    return { ...(slack ? { slack } : {}), teams: teamsDigestSenderFrom(config, store, logger) };
  },
});

/** The platforms plan-bot serve starts, in order; Teams and the digest scheduler join this list. */
export const DEFAULT_PROVIDERS: PlatformProvider[] = [slackPlatform, teamsPlatform, digestPlatform];

export interface ServeOptions {
  /** validated configuration; default: loadConfig() from the environment */
  config?: Config;
  logger?: Logger;
  /** already loaded content (tests load it once per file) */
  knowledge?: Knowledge;
  /** platforms to start; default DEFAULT_PROVIDERS */
  providers?: PlatformProvider[];
  /** the digest feature's handler for 订阅 / 取消订阅 / 订阅列表, passed to the bot */
  subscriptions?: SubscriptionHandler;
  /** interface to listen on; default all */
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

async function openPlatforms(providers: PlatformProvider[], deps: PlatformDeps): Promise<{ name: string; platform: Platform }[]> {
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
  const store = await openStore(config.redisUrl ?? 'memory', { prefix: config.redisPrefix, timeoutMs: config.redisTimeoutMs, logger });
  if (!config.redisUrl) logger.warn('REDIS_URL is not set: context, dedup and subscriptions are kept in memory and lost on restart');
  const subscriptions =
    opts.subscriptions ??
    createSubscriptionHandler({ knowledge, store, logger, conversationRef: async (msg) => (msg.platform === 'teams' ? ((await loadReference(store, msg.workspace, msg.conversation)) ?? undefined) : undefined) });
  const bot = new Bot({ knowledge, store, contextTtlSeconds: config.contextTtlSeconds, logger, subscriptions, answerCacheSize: config.answerCacheSize });
  let opened: { name: string; platform: Platform }[] = [];
  let server: RunningServer;
  try {
    opened = await openPlatforms(opts.providers ?? DEFAULT_PROVIDERS, { config, knowledge, store, bot, logger });
    if (opened.length === 0) logger.warn('no chat platform is configured: serving only /healthz and /readyz');
    server = await startHttpServer({ port: config.port, ...(opts.host ? { host: opts.host } : {}), routes: mergeRoutes(opened), ready: config.redisUrl ? () => store.ping() : undefined, logger });
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
  logger.info({ port: server.port, platforms: opened.map((o) => o.name), store: store.kind }, 'plan-bot serving');
  return { port: server.port, server, config, store, bot, logger, close };
}

/** plan-bot serve: run until SIGTERM or SIGINT, then drain in-flight requests, close Redis and exit 0. */
export async function runServe(config: Config): Promise<number> {
  const serving = await startServe({ config });
  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      serving.logger.info({ signal }, 'draining in-flight requests, then closing');
      void serving.close().then(resolve);
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
  serving.logger.info('plan-bot stopped');
  return 0;
}
