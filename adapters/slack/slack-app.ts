import { App, type Receiver } from '@slack/bolt';
import { forLog, type Logger } from '../../src/logger.js';
import type { Store } from '../../src/store/store.js';
import { registerActions } from './action-listener.js';
import { boltLogger } from './bolt-logger.js';
import { registerCommand } from './command-listener.js';
import { dedupEvents } from './event-dedup.js';
import { registerEvents } from './event-listeners.js';
import type { ListenerDeps } from './listener-deps.js';

export interface SlackAppOptions {
  receiver: Receiver;
  token: string;
  apiUrl: string;
  botUserId: string;
  botId: string;
  store: Store;
  logger: Logger;
  deps: Omit<ListenerDeps, 'botUserId' | 'log'>;
}

/**
 * The Bolt app: the bot's identity given up front (no auth.test per start), no Bolt conversation store (the
 * core keeps context), event dedup first, then the /plan, event and button listeners.
 */
export function createSlackApp(opts: SlackAppOptions): App {
  const log = opts.logger;
  const app = new App({
    receiver: opts.receiver,
    token: opts.token,
    botId: opts.botId,
    botUserId: opts.botUserId,
    logger: boltLogger(log),
    convoStore: false,
    clientOptions: { slackApiUrl: opts.apiUrl, logger: boltLogger(log, 'slack-web-api') },
  });
  app.error(async (err) => {
    log.error({ code: (err as { code?: string }).code ?? 'unknown', err: forLog(err.message) }, 'slack listener failed');
  });
  app.use(dedupEvents(opts.store, log));
  const deps: ListenerDeps = { ...opts.deps, botUserId: opts.botUserId, log };
  registerCommand(app, deps);
  registerEvents(app, deps);
  registerActions(app, deps);
  return app;
}
