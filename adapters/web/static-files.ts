import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../src/package-root.js';
import type { RouteHandler } from '../../src/server.js';
import { allowMethods, sendBytes } from './http-headers.js';

/** The folder of the web adapter's own files (the chat script, the stylesheet), kept beside its code. */
const STATIC_DIR = join(packageRoot(), 'adapters', 'web', 'static');

const TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml' };

/**
 * Routes serving the given files of adapters/web/static at the given paths, read once at start: the only scripts
 * the pages run (CSP script-src 'self'), so nothing is ever served from a user-chosen path.
 */
export function staticRoutes(files: Record<string, string>): Record<string, RouteHandler> {
  const routes: Record<string, RouteHandler> = {};
  for (const [path, name] of Object.entries(files)) {
    const body = readFileSync(join(STATIC_DIR, name));
    const type = TYPES[name.slice(name.lastIndexOf('.'))] ?? 'application/octet-stream';
    routes[path] = (req, res) => {
      if (!allowMethods(req, res, ['GET', 'HEAD'])) return;
      sendBytes(req, res, 200, type, body, { 'cache-control': 'no-cache' });
    };
  }
  return routes;
}
