import type { DigestSenders } from '../src/digest/digest-sender.js';
import type { PlatformDeps, PlatformProvider } from '../src/platform.js';
import type { Config } from './config.js';

/** A chat platform as the composition root knows it before loading it: whether the configuration turns it on. */
interface ChatPlatform {
  /** whether its configuration slice turns it on */
  on(config: Config): boolean;
  /** why it is off, for the start-up log (in the words its adapter uses) */
  offReason(config: Config): string;
  /** its provider, with its SDK (Bolt, botbuilder): imported only here, and only when called */
  load(): Promise<PlatformProvider<Config>>;
}

/**
 * The chat platforms by name, each loaded only when it is needed: `plan-bot ask`, `chat` and `digest preview` load
 * no platform SDK, `plan-bot serve` loads only the platforms that are configured, and `plan-bot digest run` only
 * those that are configured and have digests due.
 */
export const CHAT_PLATFORMS: Record<'slack' | 'teams', ChatPlatform> = {
  slack: {
    on: (config) => config.slack !== undefined,
    offReason: () => 'SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (or SLACK_CLIENT_ID and the other OAuth variables) are not set',
    load: async () => (await import('../adapters/slack/slack-platform.js')).slackPlatform,
  },
  teams: {
    on: (config) => config.teamsEnabled,
    offReason: (config) => config.teamsOffReason ?? 'TEAMS_ENABLED=false',
    load: async () => (await import('../adapters/teams/teams-platform.js')).teamsPlatform,
  },
};

/** The name of a chat platform plan-bot knows. */
export type ChatPlatformName = keyof typeof CHAT_PLATFORMS;

/** Whether `name` is one of plan-bot's chat platforms (a stored subscription names its platform). */
export function isChatPlatform(name: string): name is ChatPlatformName {
  return Object.hasOwn(CHAT_PLATFORMS, name);
}

/** A platform that is not configured: it says why it is off and loads nothing. */
function offPlatform(name: string, reason: string): PlatformProvider<Config> {
  return { name, open: async () => ({ off: reason }) };
}

/**
 * The providers of the given chat platforms, in order: the configured ones loaded (their SDKs imported now), the
 * others as stand-ins that only report why they are off.
 */
export async function loadChatPlatforms(config: Config, names: ChatPlatformName[] = ['slack', 'teams']): Promise<PlatformProvider<Config>[]> {
  return Promise.all(names.map((name) => (CHAT_PLATFORMS[name].on(config) ? CHAT_PLATFORMS[name].load() : offPlatform(name, CHAT_PLATFORMS[name].offReason(config)))));
}

/** The digest senders of the platforms that are configured, keyed by platform name, each from its provider's own part. */
export function digestSenders(providers: PlatformProvider<Config>[], deps: Pick<PlatformDeps<Config>, 'config' | 'store' | 'logger'>): DigestSenders {
  const senders: DigestSenders = {};
  for (const p of providers) {
    const sender = p.digestSender?.(deps);
    if (sender && (p.name === 'slack' || p.name === 'teams')) senders[p.name] = sender;
  }
  return senders;
}
