import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ASSISTANT_EVENTS } from '../../adapters/slack/assistant.js';
import { ANSWERED_EVENTS, MESSAGE_EVENTS } from '../../adapters/slack/event-listeners.js';
import { HOME_EVENT } from '../../adapters/slack/home-listener.js';
import { BOT_SCOPES, SLACK_OAUTH_REDIRECT_PATH } from '../../adapters/slack/oauth-routes.js';
import { SLACK_EVENTS_PATH } from '../../adapters/slack/slack-platform.js';
import { LIFECYCLE_EVENTS } from '../../adapters/slack/uninstall-listener.js';
import { OWN_SHORTCUTS } from '../../adapters/slack/shortcut-listener.js';
import { FIND_SHORTCUT, SEARCH_SHORTCUT } from '../../adapters/slack/search-modal.js';

const Manifest = z.object({
  features: z.object({
    app_home: z.object({ home_tab_enabled: z.boolean(), messages_tab_enabled: z.boolean() }),
    assistant_view: z.object({ assistant_description: z.string().min(1) }).optional(),
    bot_user: z.object({ display_name: z.string() }),
    slash_commands: z.array(z.object({ command: z.string(), url: z.string(), should_escape: z.boolean() })),
    shortcuts: z.array(z.object({ name: z.string().min(1).max(24), type: z.enum(['global', 'message']), callback_id: z.string(), description: z.string().min(1).max(80) })),
    unfurl_domains: z.array(z.string()).max(5),
  }),
  oauth_config: z.object({ redirect_urls: z.array(z.string()), scopes: z.object({ bot: z.array(z.string()) }) }),
  settings: z.object({
    event_subscriptions: z.object({ request_url: z.string(), bot_events: z.array(z.string()) }),
    interactivity: z.object({ is_enabled: z.boolean(), request_url: z.string() }),
  }),
});

describe('the Slack app manifest', () => {
  const manifest = Manifest.parse(JSON.parse(readFileSync(new URL('../../adapters/slack/manifest.json', import.meta.url), 'utf8')));

  it('declares /plan, app_mention, message.channels, message.groups and message.im, and interactivity, all at /slack/events', () => {
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual(['/plan']);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(expect.arrayContaining(['app_mention', 'message.channels', 'message.groups', 'message.im']));
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    const urls = [manifest.features.slash_commands[0]!.url, manifest.settings.event_subscriptions.request_url, manifest.settings.interactivity.request_url];
    for (const url of urls) expect(new URL(url).pathname).toBe(SLACK_EVENTS_PATH);
  });

  it('subscribes to exactly the events the code listens to (the event listener\'s types and message channel types, the assistant\'s events)', () => {
    const all = manifest.settings.event_subscriptions.bot_events;
    // app_uninstalled and tokens_revoked reach the uninstall listener (OAuth mode), and both are declared
    expect(all.filter((e) => LIFECYCLE_EVENTS.test(e)).sort()).toEqual(['app_uninstalled', 'tokens_revoked']);
    const declared = all.filter((e) => !LIFECYCLE_EVENTS.test(e));
    const assistant: readonly string[] = ASSISTANT_EVENTS;
    // every other declared event reaches a listener: its type matches ANSWERED_EVENTS or is the Assistant's, a message one is a channel type read
    for (const e of declared) {
      const [type] = e.split('.');
      expect(ANSWERED_EVENTS.test(type!) || assistant.includes(type!), e).toBe(true);
      if (type === 'message') expect(Object.keys(MESSAGE_EVENTS), e).toContain(e);
    }
    // and every event the code reads is declared
    const read = ['app_mention', HOME_EVENT, 'link_shared', ...Object.keys(MESSAGE_EVENTS)].filter((e) => ANSWERED_EVENTS.test(e.split('.')[0]!));
    expect([...declared].sort()).toEqual([...read, ...assistant].sort());
  });

  it('has the home tab and the assistant panel the code serves (app_home_opened publishes the home tab; the Assistant answers in the panel)', () => {
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    // message.im carries the panel's messages: without it the Assistant never sees a question
    expect(manifest.features.app_home.messages_tab_enabled).toBe(true);
    expect(manifest.features.assistant_view?.assistant_description).toBeTruthy();
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(expect.arrayContaining(['message.im', ...ASSISTANT_EVENTS]));
  });

  it('asks for the scopes the bot uses, and no more', () => {
    // channels:history and groups:history: message.channels / message.groups (plain replies in the threads it answered in),
    // and a digest runner taking over an unfinished claim looks for its post in conversations.history;
    // channels:read and groups:read: /plan status asks conversations.info whether the bot can post there;
    // assistant:write: the assistant panel's events and assistant.threads.setStatus / setTitle / setSuggestedPrompts;
    // an install asks for exactly the manifest's scopes
    expect([...BOT_SCOPES].sort()).toEqual([...manifest.oauth_config.scopes.bot].sort());
    expect(manifest.oauth_config.scopes.bot.sort()).toEqual(['app_mentions:read', 'assistant:write', 'channels:history', 'channels:read', 'chat:write', 'chat:write.public', 'commands', 'groups:history', 'groups:read', 'im:history', 'links:read', 'links:write']);
  });

  it('declares the two shortcuts the code answers (搜索规划 global, 在规划中查找 on a message), and a domain to unfurl', () => {
    expect(manifest.features.shortcuts.map((s) => [s.type, s.callback_id])).toEqual([
      ['global', SEARCH_SHORTCUT],
      ['message', FIND_SHORTCUT],
    ]);
    for (const s of manifest.features.shortcuts) expect(OWN_SHORTCUTS.test(s.callback_id), s.callback_id).toBe(true);
    // links:read brings link_shared for these domains (PUBLIC_URL's host); links:write lets chat.unfurl answer it
    expect(manifest.features.unfurl_domains).toEqual([new URL(manifest.settings.event_subscriptions.request_url).hostname]);
    expect(manifest.oauth_config.scopes.bot).toEqual(expect.arrayContaining(['links:read', 'links:write']));
  });

  it('sends installers back to /slack/oauth_redirect', () => {
    expect(manifest.oauth_config.redirect_urls.map((u) => new URL(u).pathname)).toEqual([SLACK_OAUTH_REDIRECT_PATH]);
  });
});
