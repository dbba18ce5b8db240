import type { IncomingMessage, ServerResponse } from 'node:http';
import { elementById } from '../../src/content/plan-tree.js';
import type { Library } from '../../src/match/library.js';
import { parsePassagePath } from '../../src/reply/passage-link.js';
import type { RouteHandler } from '../../src/server.js';
import { allowMethods, sendPage } from './http-headers.js';
import { renderNotFoundPage, renderPassagePage } from './passage-page.js';
import { renderPlanPage } from './plan-page.js';

/** The reader's paths: the whole plan, and one passage (built by src/reply/passage-link.ts). */
export const READER_ROUTES = { plan: '/plan/*', passage: '/p/*' } as const;

function pathOf(req: IncomingMessage): string {
  return (req.url ?? '/').split('?')[0]!;
}

/** The plan id a /plan/<plan> path names, or undefined when the path is not one. */
function planIdOf(path: string): string | undefined {
  const m = /^\/plan\/([a-z0-9][a-z0-9-]*)\/?$/.exec(path);
  return m?.[1];
}

/**
 * The reader pages, GET and HEAD only: /plan/<plan> (the whole plan with its outline) and /p/<plan>/<local-id> (one
 * passage in place). A path to a plan or passage that does not exist gets a 404 page leading back to the outline.
 * `root` is the path PUBLIC_URL is mounted at, which every link on the pages starts with.
 */
export function readerRoutes(lib: Library, root: string): Record<string, RouteHandler> {
  const notFound = (req: IncomingMessage, res: ServerResponse, planId?: string) => sendPage(req, res, 404, renderNotFoundPage(lib.plans, root, lib.plans.find((p) => p.meta.id === planId)));
  return {
    [READER_ROUTES.plan]: (req, res) => {
      if (!allowMethods(req, res, ['GET', 'HEAD'])) return;
      const planId = planIdOf(pathOf(req));
      const plan = lib.plans.find((p) => p.meta.id === planId);
      if (!plan) return notFound(req, res);
      sendPage(req, res, 200, renderPlanPage(lib, plan, root));
    },
    [READER_ROUTES.passage]: (req, res) => {
      if (!allowMethods(req, res, ['GET', 'HEAD'])) return;
      const address = parsePassagePath(pathOf(req));
      const plan = address && lib.plans.find((p) => p.meta.id === address.planId);
      const element = address && plan ? elementById(lib, address.passageId) : undefined;
      if (!address || !plan || !element) return notFound(req, res, address?.planId);
      sendPage(req, res, 200, renderPassagePage(lib, plan, element, root));
    },
  };
}
