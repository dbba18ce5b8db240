import { SocketModeReceiver } from '@slack/bolt';
import type { CoreConfig } from '../../src/config.js';
import type { Logger } from '../../src/logger.js';
import type { Platform, PlatformDeps, PlatformProvider } from '../../src/platform.js';
import { ACK_BUDGET_MS } from './ack-budget.js';
import { boltLogger } from './bolt-logger.js';
import { resolveBotIdentity } from './bot-identity.js';
import { RouteReceiver } from './route-receiver.js';
import type { SlackConfig, SlackOAuthConfig, SlackSettings } from './config.js';
import { oauthRoutes } from './oauth-routes.js';
import { createSlackApp } from './slack-app.js';
import { slackDigestSenderFrom } from './slack-digest-sender.js';
import { oauthAuthorize, oauthDigestSender, slackOAuthParts } from './slack-oauth.js';
import { slackPostCheck } from './slack-post-check.js';
import { SlackSender } from './slack-sender.js';

/** The path Slack posts slash commands, events and interactivity to (one Request URL for all three). */
export const SLACK_EVENTS_PATH = '/slack/events';

/** Senders kept, one per workspace token (OAuth mode); past this many the cache starts again. */
const MAX_SENDERS = 1_000;

type Deps = PlatformDeps<CoreConfig & SlackSettings>;

/** OAuth mode: /slack/events answering each workspace with its installation's token, plus /slack/install and /slack/oauth_redirect. */
function openOAuth(deps: Deps, c: SlackConfig, oauth: SlackOAuthConfig, log: Logger): Platform {
  if (!deps.store.durable) log.warn('slack OAuth without REDIS_URL: installations are kept in memory and lost on restart; every workspace would have to install again');
  const parts = slackOAuthParts(c, oauth, deps.store, log);
  const sender = new SlackSender({ apiUrl: c.apiUrl, logger: log });
  const senders = new Map<string, SlackSender>();
  const senderFor = (token: string): SlackSender => {
    let s = senders.get(token);
    if (!s) {
      if (senders.size >= MAX_SENDERS) senders.clear();
      senders.set(token, (s = new SlackSender({ token, apiUrl: c.apiUrl, logger: log })));
    }
    return s;
  };
  const receiver = new RouteReceiver({ signingSecret: c.signingSecret!, logger: log });
  createSlackApp({
    receiver,
    auth: { authorize: oauthAuthorize(parts, log), uninstall: { store: deps.store, installations: parts.installations, log } },
    apiUrl: c.apiUrl,
    store: deps.store,
    logger: log,
    deps: { bot: deps.bot, sender, senderFor, ackBudgetMs: ACK_BUDGET_MS, threadTtlSeconds: deps.config.contextTtlSeconds, ...listenerContent(deps) },
  });
  const routes = oauthRoutes({ clientId: oauth.clientId, clientSecret: oauth.clientSecret, stateSecret: oauth.stateSecret, installations: parts.installations, apiUrl: c.apiUrl, ...(deps.config.publicUrl ? { publicUrl: deps.config.publicUrl } : {}), logger: log });
  log.info({ mode: 'oauth', path: SLACK_EVENTS_PATH }, 'slack: on, OAuth (any workspace installs at /slack/install)');
  return { routes: { [SLACK_EVENTS_PATH]: receiver.handle, ...routes }, close: () => receiver.drain() };
}

/** What the listeners read of the content: the plans (passages by id) and PUBLIC_URL (links to unfurl). */
function listenerContent(deps: Deps): { knowledge: Deps['knowledge']; publicUrl?: string } {
  return { knowledge: deps.knowledge, ...(deps.config.publicUrl ? { publicUrl: deps.config.publicUrl } : {}) };
}

async function open(deps: Deps): Promise<Platform | { off: string }> {
  const c = deps.config.slack;
  if (!c) return { off: 'neither SLACK_BOT_TOKEN nor SLACK_CLIENT_ID is set' };
  const log = deps.logger.child({ platform: 'slack' });
  if (c.oauth) return openOAuth(deps, c, c.oauth, log);
  const token = c.botToken!;
  const sender = new SlackSender({ token, apiUrl: c.apiUrl, logger: log });
  const identity = await resolveBotIdentity(c, sender);
  const common = { auth: { token, ...identity }, apiUrl: c.apiUrl, store: deps.store, logger: log, deps: { bot: deps.bot, sender, ackBudgetMs: ACK_BUDGET_MS, threadTtlSeconds: deps.config.contextTtlSeconds, ...listenerContent(deps) } };
  if (c.appToken) {
    const receiver = new SocketModeReceiver({ appToken: c.appToken, logger: boltLogger(log, 'socket-mode'), installerOptions: { clientOptions: { slackApiUrl: c.apiUrl, timeout: 10_000 } } });
    const [app] = createSlackApp({ ...common, receiver });
    log.info({ mode: 'socket' }, 'slack: on, Socket Mode (SLACK_APP_TOKEN is set)');
    return {
      start: async () => {
        await app!.start();
      },
      close: async () => {
        await app!.stop();
      },
    };
  }
  const receiver = new RouteReceiver({ signingSecret: c.signingSecret!, logger: log });
  createSlackApp({ ...common, receiver });
  log.info({ mode: 'http', path: SLACK_EVENTS_PATH }, 'slack: on, HTTP endpoint');
  return { routes: { [SLACK_EVENTS_PATH]: receiver.handle }, close: () => receiver.drain() };
}

/**
 * Slack for plan-bot serve: /slack/events over HTTP, or Socket Mode when SLACK_APP_TOKEN is set; in OAuth mode also
 * /slack/install and /slack/oauth_redirect, every workspace with its own token; off without credentials.
 * Digests go out through chat.postMessage; 状态 asks conversations.info whether it can post (in OAuth mode with the
 * workspace's token). Its configuration slice is ./config.ts.
 */
export const slackPlatform: PlatformProvider<CoreConfig & SlackSettings> = {
  name: 'slack',
  open,
  digestSender: ({ config, store, logger }) => {
    const c = config.slack;
    if (c?.oauth) return oauthDigestSender(c, slackOAuthParts(c, c.oauth, store, logger.child({ platform: 'slack' })), logger.child({ platform: 'slack' }));
    return slackDigestSenderFrom(config, logger);
  },
  postCheck: ({ config, logger, store }) => slackPostCheck(config, logger.child({ platform: 'slack' }), store),
};
