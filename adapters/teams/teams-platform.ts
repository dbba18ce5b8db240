import type { CoreConfig } from '../../src/config.js';
import type { Platform, PlatformDeps, PlatformProvider } from '../../src/platform.js';
import type { TeamsConfig } from './config.js';
import { loadReference } from './conversation-reference.js';
import { teamsDigestSenderFrom } from './teams-digest-sender.js';
import { createTeamsRoute, TEAMS_PATH } from './teams-route.js';

async function open(deps: PlatformDeps<CoreConfig & TeamsConfig>): Promise<Platform | { off: string }> {
  if (!deps.config.teamsEnabled) return { off: deps.config.teamsOffReason ?? 'TEAMS_ENABLED=false' };
  const route = createTeamsRoute({ bot: deps.bot, knowledge: deps.knowledge, store: deps.store, config: deps.config, logger: deps.logger });
  // answers are posted inside the request, so the server's drain of in-flight requests finishes them
  return { routes: { [TEAMS_PATH]: route }, close: async () => undefined };
}

/**
 * Teams for plan-bot serve: /api/messages. Closed by default: on with MICROSOFT_APP_ID (Bot Framework tokens
 * required), or with TEAMS_ALLOW_UNAUTHENTICATED=true for local testing (warned loudly at start-up); off
 * otherwise or with TEAMS_ENABLED=false, and then /api/messages is not mounted (404). Digests are posted
 * proactively to the conversation reference a subscription keeps. Its configuration slice is ./config.ts.
 */
export const teamsPlatform: PlatformProvider<CoreConfig & TeamsConfig> = {
  name: 'teams',
  open,
  digestSender: ({ config, store, logger }) => (config.teamsEnabled ? teamsDigestSenderFrom(config, store, logger) : undefined),
  conversationRef: async (store, msg) => (await loadReference(store, msg.workspace, msg.conversation)) ?? undefined,
};
