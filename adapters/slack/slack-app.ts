import { App, type Authorize, type Receiver } from '@slack/bolt';
import { forLog, type Logger } from '../../src/logger.js';
import type { Store } from '../../src/store/store.js';
import { actionListener, OWN_ACTIONS } from './action-listener.js';
import { planAssistant } from './assistant.js';
import { boltLogger } from './bolt-logger.js';
import { commandListener } from './command-listener.js';
import { ANSWERED_EVENTS, eventListener } from './event-listeners.js';
import type { ListenerDeps } from './listener-deps.js';
import type { CommandArgs, CommandHandler, SlackLane } from './route-receiver.js';
import { OWN_SHORTCUTS, shortcutListener } from './shortcut-listener.js';
import { OWN_VIEWS, viewListener } from './view-listener.js';
import { LIFECYCLE_EVENTS, uninstallListener, type UninstallDeps } from './uninstall-listener.js';

/** A receiver that hands each lane of requests to its own App, and slash commands to their listener (plan-bot's RouteReceiver). */
export interface LanedReceiver {
  lane(lane: SlackLane): Receiver;
  commands(handler: CommandHandler, authorize?: Authorize<boolean>): void;
}

export interface SlackAppOptions {
  /** a laned receiver (HTTP): one App per lane; any other (Socket Mode): one App for everything */
  receiver: Receiver | LanedReceiver;
  /** one workspace: its token and bot; OAuth: authorize reads each request's workspace's installation */
  auth: { token: string; botUserId: string; botId: string } | { authorize: Authorize<boolean>; uninstall: UninstallDeps };
  apiUrl: string;
  store: Store;
  logger: Logger;
  deps: Omit<ListenerDeps, 'botUserId' | 'log' | 'store'>;
}

/** Every event type plan-bot reads: those it answers and the app-lifecycle ones. */
const SLACK_EVENTS = new RegExp(`${ANSWERED_EVENTS.source}|${LIFECYCLE_EVENTS.source}`);

/** Any slash command: the workspace may have installed /plan under another name. */
const ANY_COMMAND = /^\//;

/**
 * The Bolt apps: the bot's identity given up front (no auth.test per start), no Bolt conversation store (the core
 * keeps context). Over HTTP slash commands go from the receiver straight to their listener (RouteReceiver.commands,
 * authorized there in OAuth mode), and each other lane has an App with only its own listeners (see SlackLane): the
 * events (the assistant panel, Bolt's Assistant, as global middleware taking its events and DM thread messages,
 * then the app_mention, message and app_home_opened events, each answered once by event_id, and app_uninstalled and
 * tokens_revoked); and interactivity (plan-bot's buttons, shortcuts and modal submissions).
 * With Socket Mode's receiver, which serves one App, all of them are on that one. Returns the apps made.
 */
export function createSlackApp(opts: SlackAppOptions): App[] {
  const log = opts.logger;
  const makeApp = (receiver: Receiver): App => {
    const app = new App({
      receiver,
      ...('token' in opts.auth ? { token: opts.auth.token, botId: opts.auth.botId, botUserId: opts.auth.botUserId } : { authorize: opts.auth.authorize }),
      logger: boltLogger(log),
      convoStore: false,
      // the event listeners ignore every bot's messages (this bot's included), so Bolt's ignoreSelf would only repeat that
      ignoreSelf: false,
      // Bolt's own client makes only the assistant panel's calls (status, title, prompts): a few quick retries, not its default 10
      clientOptions: { slackApiUrl: opts.apiUrl, logger: boltLogger(log, 'slack-web-api'), timeout: 10_000, retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 2000 } },
    });
    app.error(async (err) => {
      log.error({ code: err.code ?? 'unknown', err: forLog(err.message) }, 'slack listener failed');
    });
    return app;
  };
  const deps: ListenerDeps = { ...opts.deps, store: opts.store, botUserId: 'token' in opts.auth ? opts.auth.botUserId : '', log };
  const laned = 'lane' in opts.receiver ? opts.receiver : undefined;
  const single = laned ? undefined : makeApp(opts.receiver as Receiver);
  const appFor = (lane: SlackLane): App => single ?? makeApp(laned!.lane(lane));

  const command = commandListener(deps);
  if (laned) laned.commands(command, 'authorize' in opts.auth ? opts.auth.authorize : undefined);
  else single!.command(ANY_COMMAND, (args) => command({ body: args.body, ack: args.ack as CommandArgs['ack'], context: args.context }));

  const events = appFor('event');
  // first: the assistant panel's events and the messages in DM threads stop here, the rest go on to the listeners
  events.assistant(planAssistant(deps));
  // one workspace's deployment forgets that workspace's data too (its token stops working: SLACK_BOT_TOKEN must change)
  const uninstall = uninstallListener('authorize' in opts.auth ? opts.auth.uninstall : { store: opts.store, log });
  const answer = eventListener(deps);
  // one event listener for both kinds: every registered Bolt listener runs on every request (about 5 µs each)
  events.event(SLACK_EVENTS, async (args) => (LIFECYCLE_EVENTS.test(args.event.type) ? uninstall(args) : answer(args)));

  const interactions = appFor('interaction');
  interactions.action({ type: 'block_actions', action_id: OWN_ACTIONS }, actionListener(deps));
  interactions.shortcut(OWN_SHORTCUTS, shortcutListener(deps));
  interactions.view({ callback_id: OWN_VIEWS, type: 'view_submission' }, viewListener(deps));
  return [...new Set([events, interactions])];
}
