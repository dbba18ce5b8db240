import { createHash, timingSafeEqual } from 'node:crypto';
import type { Registry } from 'prom-client';
import { sendJson, type RouteHandler } from '../src/server.js';

function sha256(s: string): Buffer {
  return createHash('sha256').update(s, 'utf8').digest();
}

/**
 * GET /metrics: the registry in Prometheus's text format. With a token, only to a request sending
 * `Authorization: Bearer TOKEN` (compared in constant time, over digests of equal length); any other gets 401.
 */
export function metricsRoute(registry: Registry, token?: string): RouteHandler {
  const expected = token === undefined ? undefined : sha256(token);
  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      return sendJson(res, 405, { error: 'method_not_allowed' });
    }
    if (expected) {
      const given = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1] ?? '';
      if (!timingSafeEqual(sha256(given), expected)) {
        res.setHeader('www-authenticate', 'Bearer realm="plan-bot metrics"');
        return sendJson(res, 401, { error: 'unauthorized' });
      }
    }
    const text = await registry.metrics();
    res.writeHead(200, { 'content-type': registry.contentType, 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : text);
  };
}
