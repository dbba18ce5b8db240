import type { Config } from './config.js';
import type { Bot } from './conversation/bot.js';
import type { Knowledge } from './knowledge.js';
import type { Logger } from './logger.js';
import type { RouteHandler } from './server.js';
import type { Store } from './store/store.js';

/** What plan-bot serve hands every platform (Slack, Teams) and background service (digest scheduler) it starts. */
export interface PlatformDeps {
  config: Config;
  knowledge: Knowledge;
  store: Store;
  bot: Bot;
  logger: Logger;
}

/** A started platform: the HTTP routes it serves, and how it starts late work and shuts down. */
export interface Platform {
  /** exact path → handler, mounted on the one HTTP server */
  routes?: Record<string, RouteHandler>;
  /** called once the HTTP server listens (Socket Mode connections, schedulers) */
  start?(): Promise<void>;
  /** stop taking work and finish what is in flight (answers being posted); called on SIGTERM */
  close(): Promise<void>;
}

/** One entry in serve's list: opens a platform from the config, or says why it is off (its credentials are absent). */
export interface PlatformProvider {
  name: string;
  open(deps: PlatformDeps): Promise<Platform | { off: string }>;
}
