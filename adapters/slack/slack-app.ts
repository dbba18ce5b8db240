import { App, type AllMiddlewareArgs, type AnyMiddlewareArgs, type Receiver } from '@slack/bolt';
import { forLog, type Logger } from '../../src/logger.js';
import type { Store } from '../../src/store/store.js';
import { actionHandler } from './action-listener.js';
import { boltLogger } from './bolt-logger.js';
import { commandHandler } from './command-listener.js';
import { eventHandler } from './event-listeners.js';
import type { Ack, HandlerArgs } from './listener-args.js';
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
 * core keeps context), and the /plan, event (deduplicated by event_id) and button handlers.
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
    // the event listeners ignore every bot's messages (this bot's included) themselves: one middleware less per request
    ignoreSelf: false,
    clientOptions: { slackApiUrl: opts.apiUrl, logger: boltLogger(log, 'slack-web-api') },
  });
  app.error(async (err) => {
    log.error({ code: (err as { code?: string }).code ?? 'unknown', err: forLog(err.message) }, 'slack listener failed');
  });
  const deps: ListenerDeps = { ...opts.deps, botUserId: opts.botUserId, log };
  const onCommand = commandHandler(deps);
  const onEvent = eventHandler(deps, opts.store);
  const onAction = actionHandler(deps);
  // one middleware routes each payload by its kind: Bolt runs every registered listener chain on every request,
  // and with three of them that bookkeeping cost more than the answer
  app.use(async (args: AnyMiddlewareArgs & AllMiddlewareArgs) => {
    // Bolt gives commands and actions an ack; events it acknowledges itself, before any middleware runs
    const a = args as unknown as HandlerArgs & { ack: Ack; command?: unknown; event?: { type: string }; action?: unknown };
    if (a.command) return onCommand(a);
    if (a.event) return onEvent(a as typeof a & { event: { type: string } });
    if (a.action) return onAction(a);
  });
  return app;
}
