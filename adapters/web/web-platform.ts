import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CoreConfig } from '../../src/config.js';
import type { Platform, PlatformDeps, PlatformProvider } from '../../src/platform.js';
import type { RouteHandler } from '../../src/server.js';
import { starterQuestions } from '../../src/conversation/starter-questions.js';
import { renderChatPage } from './chat-page.js';
import type { WebSettings } from './config.js';
import { allowMethods, sendPage } from './http-headers.js';
import { ASSET_PATHS } from './page-layout.js';
import { readerRoutes } from './reader-routes.js';
import { staticRoutes } from './static-files.js';
import { WEB_MESSAGES_PATH, webMessagesRoute } from './web-messages.js';

/** How many first questions the chat page offers. */
const CHAT_STARTERS = 4;

/** The path PUBLIC_URL is mounted at ('' at the root), which every link of the pages starts with. */
export function rootPath(publicUrl: string | undefined): string {
  return publicUrl ? new URL(publicUrl).pathname.replace(/\/+$/, '') : '';
}

async function open(deps: PlatformDeps<CoreConfig & WebSettings>): Promise<Platform | { off: string }> {
  const { config, knowledge, bot } = deps;
  const chat = config.webChatEnabled;
  if (!chat && !config.publicUrl) return { off: `web chat off (${config.webChatOffReason ?? 'WEB_CHAT=false'}) and PUBLIC_URL is not set, so no reader pages` };
  const log = deps.logger.child({ platform: 'web' });
  const root = rootPath(config.publicUrl);
  const routes: Record<string, RouteHandler> = { ...readerRoutes(knowledge.library, root), ...staticRoutes({ [ASSET_PATHS.style]: 'plan-bot.css', [ASSET_PATHS.icon]: 'icon.svg' }) };
  if (chat) {
    const page = renderChatPage(knowledge.library.plans, root, starterQuestions(knowledge, CHAT_STARTERS));
    routes['/'] = (req: IncomingMessage, res: ServerResponse) => {
      if (allowMethods(req, res, ['GET', 'HEAD'])) sendPage(req, res, 200, page);
    };
    routes[WEB_MESSAGES_PATH] = webMessagesRoute({ bot, logger: log, root });
    Object.assign(routes, staticRoutes({ [ASSET_PATHS.chatScript]: 'chat.js' }));
  }
  log.info({ chat, reader: true, publicUrl: config.publicUrl ?? null }, chat ? 'web: chat at / and reader pages at /plan/… and /p/…' : 'web: reader pages at /plan/… and /p/… (chat off)');
  return { routes, close: async () => undefined };
}

/**
 * The browser side of plan-bot serve: the reader pages (/plan/<plan>, /p/<plan>/<local-id>) whenever PUBLIC_URL is set
 * or the chat is on, and the local web chat (/, /web/messages, /web/chat.js) when WEB_CHAT turns it on (see ./config.ts).
 */
export const webPlatform: PlatformProvider<CoreConfig & WebSettings> = { name: 'web', open };
