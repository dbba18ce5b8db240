import { SocketModeReceiver } from '@slack/bolt';
import type { CoreConfig } from '../../src/config.js';
import type { Platform, PlatformDeps, PlatformProvider } from '../../src/platform.js';
import { ACK_BUDGET_MS } from './ack-budget.js';
import { boltLogger } from './bolt-logger.js';
import { resolveBotIdentity } from './bot-identity.js';
import { RouteReceiver } from './route-receiver.js';
import type { SlackSettings } from './config.js';
import { createSlackApp } from './slack-app.js';
import { slackDigestSenderFrom } from './slack-digest-sender.js';
import { slackPostCheck } from './slack-post-check.js';
import { SlackSender } from './slack-sender.js';

/** The path Slack posts slash commands, events and interactivity to (one Request URL for all three). */
export const SLACK_EVENTS_PATH = '/slack/events';

async function open(deps: PlatformDeps<CoreConfig & SlackSettings>): Promise<Platform | { off: string }> {
  const c = deps.config.slack;
  if (!c) return { off: 'SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET are not set' };
  const log = deps.logger.child({ platform: 'slack' });
  const sender = new SlackSender({ token: c.botToken, apiUrl: c.apiUrl, logger: log });
  const identity = await resolveBotIdentity(c, sender);
  const common = { token: c.botToken, apiUrl: c.apiUrl, ...identity, store: deps.store, logger: log, deps: { bot: deps.bot, knowledge: deps.knowledge, sender, ackBudgetMs: ACK_BUDGET_MS, threadTtlSeconds: deps.config.contextTtlSeconds } };
  if (c.appToken) {
    const receiver = new SocketModeReceiver({ appToken: c.appToken, logger: boltLogger(log, 'socket-mode'), installerOptions: { clientOptions: { slackApiUrl: c.apiUrl, timeout: 10_000 } } });
    const app = createSlackApp({ ...common, receiver });
    log.info({ mode: 'socket' }, 'slack: on, Socket Mode (SLACK_APP_TOKEN is set)');
    return {
      start: async () => {
        await app.start();
      },
      close: async () => {
        await app.stop();
      },
    };
  }
  const receiver = new RouteReceiver({ signingSecret: c.signingSecret!, logger: log });
  createSlackApp({ ...common, receiver });
  log.info({ mode: 'http', path: SLACK_EVENTS_PATH }, 'slack: on, HTTP endpoint');
  return { routes: { [SLACK_EVENTS_PATH]: receiver.handle }, close: () => receiver.drain() };
}

/**
 * Slack for plan-bot serve: /slack/events over HTTP, or Socket Mode when SLACK_APP_TOKEN is set; off without credentials.
 * Digests go out through chat.postMessage; 状态 asks conversations.info whether it can post. Its configuration slice is ./config.ts.
 */
export const slackPlatform: PlatformProvider<CoreConfig & SlackSettings> = {
  name: 'slack',
  open,
  digestSender: ({ config, logger }) => slackDigestSenderFrom(config, logger),
  postCheck: ({ config, logger }) => slackPostCheck(config, logger.child({ platform: 'slack' })),
};
