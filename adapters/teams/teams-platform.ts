import type { CoreConfig } from '../../src/config.js';
import type { Platform, PlatformDeps, PlatformProvider } from '../../src/platform.js';
import type { TeamsConfig } from './config.js';
import { loadReference } from './conversation-reference.js';
import { teamsDigestSenderFrom } from './teams-digest-sender.js';
import { createTeamsRoute, TEAMS_PATH } from './teams-route.js';

async function open(deps: PlatformDeps<CoreConfig & TeamsConfig>): Promise<Platform> {
  const route = createTeamsRoute({ bot: deps.bot, store: deps.store, config: deps.config, logger: deps.logger });
  // answers are posted inside the request, so the server's drain of in-flight requests finishes them
  return { routes: { [TEAMS_PATH]: route }, close: async () => undefined };
}

/**
 * Teams for plan-bot serve: /api/messages. Always on: with MICROSOFT_APP_ID it requires Bot Framework
 * tokens; without, it runs unauthenticated for local testing and says so at start-up. Digests are posted
 * proactively to the conversation reference a subscription keeps. Its configuration slice is ./config.ts.
 */
export const teamsPlatform: PlatformProvider<CoreConfig & TeamsConfig> = {
  name: 'teams',
  open,
  digestSender: ({ config, store, logger }) => teamsDigestSenderFrom(config, store, logger),
  conversationRef: async (store, msg) => (await loadReference(store, msg.workspace, msg.conversation)) ?? undefined,
};
