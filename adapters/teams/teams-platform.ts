import type { Platform, PlatformDeps, PlatformProvider } from '../../src/platform.js';
import { createTeamsRoute, TEAMS_PATH } from './teams-route.js';

async function open(deps: PlatformDeps): Promise<Platform> {
  const route = createTeamsRoute({ bot: deps.bot, store: deps.store, config: deps.config, logger: deps.logger });
  // answers are posted inside the request, so the server's drain of in-flight requests finishes them
  return { routes: { [TEAMS_PATH]: route }, close: async () => undefined };
}

/**
 * Teams for plan-bot serve: /api/messages. Always on: with MICROSOFT_APP_ID it requires Bot Framework
 * tokens; without, it runs unauthenticated for local testing and says so at start-up.
 */
export const teamsPlatform: PlatformProvider = { name: 'teams', open };
