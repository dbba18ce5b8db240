import type { DigestSenders } from '../src/digest/digest-sender.js';
import type { PlatformDeps, PlatformProvider } from '../src/platform.js';
import type { Config } from './config.js';

/**
 * The chat platforms by name, each loaded only when it is needed: `plan-bot ask` and `chat` load no platform SDK,
 * and `plan-bot digest run` loads only the platforms that have digests due.
 */
export const PLATFORM_LOADERS: Record<'slack' | 'teams', () => Promise<PlatformProvider<Config>>> = {
  slack: async () => (await import('../adapters/slack/slack-platform.js')).slackPlatform,
  teams: async () => (await import('../adapters/teams/teams-platform.js')).teamsPlatform,
};

/** The digest senders of the platforms that are configured, keyed by platform name, each from its provider's own part. */
export function digestSenders(providers: PlatformProvider<Config>[], deps: Pick<PlatformDeps<Config>, 'config' | 'store' | 'logger'>): DigestSenders {
  const senders: DigestSenders = {};
  for (const p of providers) {
    const sender = p.digestSender?.(deps);
    if (sender && (p.name === 'slack' || p.name === 'teams')) senders[p.name] = sender;
  }
  return senders;
}
