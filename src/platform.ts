import type { CoreConfig } from './config.js';
import type { Bot } from './conversation/bot.js';
import type { DigestSender } from './digest/digest-sender.js';
import type { PostCheck } from './digest/subscription-status.js';
import type { InboundMessage } from './inbound.js';
import type { Knowledge } from './knowledge.js';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';
import type { RouteHandler } from './server.js';
import type { Store } from './store/store.js';

/**
 * What plan-bot serve hands every platform (Slack, Teams) and background service (digest scheduler) it starts.
 * `C` is the configuration the provider reads: the core's settings plus its own slice.
 */
export interface PlatformDeps<C extends CoreConfig = CoreConfig> {
  config: C;
  knowledge: Knowledge;
  store: Store;
  bot: Bot;
  logger: Logger;
  /** what the platform and background services report for operators (absent: nothing) */
  metrics?: Metrics;
}

/** A started platform: the HTTP routes it serves, and how it starts late work and shuts down. */
export interface Platform {
  /** exact path (or `PREFIX/*`) → handler, mounted on the one HTTP server */
  routes?: Record<string, RouteHandler>;
  /** called once the HTTP server listens (Socket Mode connections, schedulers) */
  start?(): Promise<void>;
  /** stop taking work and finish what is in flight (answers being posted); called on SIGTERM */
  close(): Promise<void>;
}

/**
 * One entry in the composition root's list: a platform supplies its own parts. It opens its routes from its slice of
 * the configuration (or says why it is off), and may supply a digest sender and the conversation reference a
 * subscription keeps to post there later. Its configuration slice is a schema beside it (adapters/NAME/config.ts).
 */
export interface PlatformProvider<C extends CoreConfig = CoreConfig> {
  name: string;
  open(deps: PlatformDeps<C>): Promise<Platform | { off: string }>;
  /** posts daily digests to this platform; undefined when the platform is not configured */
  digestSender?(deps: Pick<PlatformDeps<C>, 'config' | 'store' | 'logger'>): DigestSender | undefined;
  /** whether the bot can post in one of this platform's channels, asked by 状态 (/plan status); undefined when it cannot tell */
  postCheck?(deps: Pick<PlatformDeps<C>, 'config' | 'logger' | 'store'>): PostCheck | undefined;
  /** what a subscription made from this message keeps for posting later (Teams: the conversation reference) */
  conversationRef?(store: Store, msg: InboundMessage): Promise<unknown>;
}
