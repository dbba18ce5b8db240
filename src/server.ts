import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { forLog, type Logger } from './logger.js';

/** A handler for one path; adapters provide these (Slack at /slack/events, Teams at /api/messages). */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

export interface HttpServerOptions {
  port: number;
  host?: string;
  /** exact path → handler */
  routes: Record<string, RouteHandler>;
  /** for /readyz: whether the dependencies (Redis) answer and, when not, why (e.g. redis_down, data_lost); absent means always ready */
  ready?: () => Promise<Readiness>;
  logger: Logger;
  /** largest request body a route may read, in bytes (routes enforce it with readBody) */
  maxBodyBytes?: number;
}

/** What /readyz answers: ready, or not and why (a stable reason: redis_down, data_lost, draining). */
export type Readiness = { ok: true } | { ok: false; reason: string };

/** The platform a route serves, for the request log line (from its path; no request content is read). */
function platformOf(path: string): string {
  if (path.startsWith('/slack/')) return 'slack';
  if (path.startsWith('/api/messages')) return 'teams';
  return 'none';
}

export interface RunningServer {
  server: Server;
  port: number;
  /** stop accepting, wait for in-flight requests (up to graceMs), then resolve */
  close(graceMs?: number): Promise<void>;
}

/** Read a request body up to a limit; rejects with status 413 when it is larger. */
export async function readBody(req: IncomingMessage, limit = 1_000_000): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const b = chunk as Buffer;
    size += b.length;
    if (size > limit) throw Object.assign(new Error(`request body over ${limit} bytes`), { status: 413 });
    chunks.push(b);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Send a JSON response. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** The one HTTP server of plan-bot serve: adapter routes plus /healthz and /readyz, with a draining close. */
export async function startHttpServer(opts: HttpServerOptions): Promise<RunningServer> {
  let inFlight = 0;
  let draining = false;
  let drained: (() => void) | undefined;
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    inFlight += 1;
    const started = performance.now();
    res.on('close', () => {
      inFlight -= 1;
      // one line per request: which route, how it ended, how long it took; never what was asked
      const route = opts.routes[path] || path === '/healthz' || path === '/readyz' ? path : 'unknown';
      opts.logger.info({ route, status: res.statusCode, ms: Math.round(performance.now() - started), platform: platformOf(path) }, 'request');
      if (draining && inFlight === 0) drained?.();
    });
    if (draining) res.setHeader('connection', 'close');
    void (async () => {
      try {
        if (path === '/healthz') return sendJson(res, 200, { ok: true });
        if (path === '/readyz') {
          const r: Readiness = draining ? { ok: false, reason: 'draining' } : opts.ready ? await opts.ready() : { ok: true };
          return sendJson(res, r.ok ? 200 : 503, r.ok ? { ok: true } : { ok: false, reason: r.reason, ...(draining ? { draining: true } : {}) });
        }
        const route = opts.routes[path];
        if (!route) return sendJson(res, 404, { error: 'not_found' });
        await route(req, res);
      } catch (err) {
        const status = (err as { status?: number }).status ?? 500;
        // a client's mistake (4xx) is news, not a failure of ours
        if (status < 500) opts.logger.warn({ err: forLog((err as Error).message), path, status }, 'request refused');
        else opts.logger.error({ err: forLog((err as Error).message), path, status }, 'request failed');
        // the unread rest of an oversized body would poison a kept-alive connection: close it after answering
        if (status === 413 && !res.headersSent) res.setHeader('connection', 'close');
        if (!res.headersSent) sendJson(res, status, { error: status === 413 ? 'payload_too_large' : 'internal_error' });
        else res.end();
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? '0.0.0.0', () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  return {
    server,
    port,
    close: (graceMs = 10_000) =>
      new Promise<void>((resolve) => {
        draining = true;
        server.close(() => resolve());
        server.closeIdleConnections();
        const done = () => {
          server.closeAllConnections();
          resolve();
        };
        if (inFlight === 0) return done();
        drained = done;
        setTimeout(done, graceMs).unref();
      }),
  };
}
