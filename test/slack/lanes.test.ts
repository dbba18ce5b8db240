import { App, LogLevel, type Receiver } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { RouteReceiver } from '../../adapters/slack/route-receiver.js';
import { createSlackApp } from '../../adapters/slack/slack-app.js';
import { SlackSender } from '../../adapters/slack/slack-sender.js';
import { Bot } from '../../src/conversation/bot.js';
import { silentLogger } from '../../src/logger.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { knowledge } from '../support/knowledge.js';

/** Bolt's own bookkeeping: the listener chains and global middleware an App runs on every request it processes. */
const chains = (app: App) => {
  const a = app as unknown as { listeners: unknown[]; middleware: unknown[] };
  return { listeners: a.listeners.length, middleware: a.middleware.length };
};

function apps(receiver: Receiver | RouteReceiver) {
  const store = new MemoryStore();
  const log = silentLogger();
  return createSlackApp({
    receiver,
    auth: { token: 'xoxb-test', botUserId: 'U0BOT', botId: 'B0BOT' },
    apiUrl: 'http://127.0.0.1:9/api/',
    store,
    logger: log,
    deps: { bot: new Bot({ knowledge: knowledge(), store }), knowledge: knowledge(), sender: new SlackSender({ token: 'xoxb-test', apiUrl: 'http://127.0.0.1:9/api/', logger: log }), ackBudgetMs: 2500, threadTtlSeconds: 60 },
  });
}

describe('Slack lanes', () => {
  it('over HTTP hands slash commands from the receiver to their listener (no App) and gives each other lane an App of its own', () => {
    const bare = new App({ token: 'xoxb-test', signingSecret: 's', botId: 'B0BOT', botUserId: 'U0BOT', convoStore: false, ignoreSelf: false, logLevel: LogLevel.ERROR });
    const receiver = new RouteReceiver({ signingSecret: 's', logger: silentLogger() });
    const [events, interactions, ...rest] = apps(receiver);
    expect(rest).toEqual([]);
    expect((receiver as unknown as { command?: { handler: unknown } }).command?.handler).toBeTypeOf('function');
    // the events' App: the assistant (global middleware) and one event listener; interactivity: buttons, shortcuts, modals
    expect(chains(events!)).toEqual({ listeners: 1, middleware: chains(bare).middleware + 1 });
    expect(chains(interactions!)).toEqual({ listeners: 3, middleware: chains(bare).middleware });
  });

  it('with a receiver that serves one App (Socket Mode) puts every listener on that one', () => {
    const receiver = { init: () => undefined, start: () => Promise.resolve(), stop: () => Promise.resolve() };
    const made = apps(receiver);
    expect(made).toHaveLength(1);
    expect(chains(made[0]!).listeners).toBe(5);
  });
});
