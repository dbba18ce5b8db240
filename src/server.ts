import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { JsonDepthGauge } from './json-depth.js';
import { forLog, type Logger } from './logger.js';
import { noMetrics, type Metrics } from './metrics.js';

/** A handler for one path; adapters provide these (Slack at /slack/events, Teams at /api/messages). */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

/**
 * The route a path is served by, and its key (what the request log names): the exact path, else the deepest
 * `PREFIX/*` key above it (the reader's /p/* and /plan/*, whose paths carry ids). The path itself is never a key
 * unless it was registered.
 */
export function findRoute(routes: Record<string, RouteHandler>, path: string): { key: string; handler: RouteHandler } | undefined {
  if (Object.hasOwn(routes, path)) return { key: path, handler: routes[path]! };
  for (let i = path.lastIndexOf('/'); i > 0; i = path.lastIndexOf('/', i - 1)) {
    const key = `${path.slice(0, i)}/*`;
    if (Object.hasOwn(routes, key)) return { key, handler: routes[key]! };
  }
  return undefined;
}

export interface HttpServerOptions {
  port: number;
  host?: string;
  /** exact path → handler; a key ending in `/*` serves every path below it (see findRoute) */
  routes: Record<string, RouteHandler>;
  /** for /readyz: whether the dependencies (Redis) answer and, when not, why (e.g. redis_down, data_lost); absent means always ready */
  ready?: () => Promise<Readiness>;
  logger: Logger;
  /** counts every request by platform, route key and status (default: nothing) */
  metrics?: Metrics;
  /** how long a client may take to send the whole request, headers and body (default 8 s) */
  requestTimeoutMs?: number;
  /** how long a client may take to send the headers (default 5 s) */
  headersTimeoutMs?: number;
  /** how long an idle kept-alive connection stays open (default 5 s) */
  keepAliveTimeoutMs?: number;
}

/** Whether an error is the client going away mid-request (not our failure). */
function clientGone(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return code === 'ECONNRESET' || code === 'ERR_STREAM_PREMATURE_CLOSE' || (err as Error).message === 'aborted';
}

/** What /readyz answers: ready, or not and why (a stable reason: redis_down, data_lost, draining). */
export type Readiness = { ok: true } | { ok: false; reason: string };

/** The platform a route serves, for the request log line (from its path; no request content is read). */
function platformOf(path: string): string {
  if (path.startsWith('/slack/')) return 'slack';
  if (path.startsWith('/api/messages')) return 'teams';
  if (path === '/' || path.startsWith('/web/') || path.startsWith('/p/') || path.startsWith('/plan/')) return 'web';
  return 'none';
}

export interface RunningServer {
  server: Server;
  port: number;
  /**
   * Stop accepting, wait for in-flight requests (up to graceMs), then resolve with how many were still in flight
   * when the grace ran out (their connections are closed then; 0 when every request finished).
   */
  close(graceMs?: number): Promise<{ cut: number }>;
}

/** An error a route throws to refuse a request with this status and a stable public error code. */
export class HttpRefusal extends Error {
  constructor(
    readonly status: number,
    readonly publicError: string,
    message: string,
  ) {
    super(message);
  }
}

export interface ReadBodyOptions {
  /** refuse JSON nested deeper than this (checked on the raw bytes as they arrive, before any parse) */
  maxJsonDepth?: number;
}

/**
 * Read a request body up to a limit: refused with 413 before reading when content-length says it is larger, or as
 * soon as the bytes pass the limit; with maxJsonDepth, refused with 400 as soon as the nesting is too deep.
 */
export async function readBody(req: IncomingMessage, limit = 1_000_000, opts: ReadBodyOptions = {}): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw new HttpRefusal(413, 'payload_too_large', `request body of ${declared} bytes is over ${limit}`);
  const gauge = opts.maxJsonDepth !== undefined ? new JsonDepthGauge() : undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const b = chunk as Buffer;
    size += b.length;
    if (size > limit) throw new HttpRefusal(413, 'payload_too_large', `request body over ${limit} bytes`);
    if (gauge && !gauge.feed(b, opts.maxJsonDepth!)) throw new HttpRefusal(400, 'too_deeply_nested', `JSON nested deeper than ${opts.maxJsonDepth}`);
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
  const requestTimeout = opts.requestTimeoutMs ?? 8_000;
  const metrics = opts.metrics ?? noMetrics;
  // the request deadline is enforced by a sweep every connectionsCheckingInterval: keep it short so that a body
  // that never finishes is cut off within about a second of its deadline, not Node's default 30 s
  const server = createServer({ requestTimeout, headersTimeout: Math.min(opts.headersTimeoutMs ?? 5_000, requestTimeout), keepAliveTimeout: opts.keepAliveTimeoutMs ?? 5_000, connectionsCheckingInterval: 1_000 }, (req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    inFlight += 1;
    const started = performance.now();
    res.on('close', () => {
      inFlight -= 1;
      // one line per request: which route, how it ended, how long it took; never what was asked
      const route = path === '/healthz' || path === '/readyz' ? path : (findRoute(opts.routes, path)?.key ?? 'unknown');
      const platform = platformOf(path);
      opts.logger.info({ route, status: res.statusCode, ms: Math.round(performance.now() - started), platform }, 'request');
      metrics.httpRequest(platform, route, res.statusCode);
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
        const route = findRoute(opts.routes, path);
        if (!route) return sendJson(res, 404, { error: 'not_found' });
        await route.handler(req, res);
      } catch (err) {
        if (err instanceof HttpRefusal) {
          // a client's mistake, not ours: warn, and close the connection, whose unread rest of the body would poison it
          opts.logger.warn({ status: err.status, error: err.publicError, reason: err.message, path }, 'request refused');
          if (!res.headersSent) {
            res.setHeader('connection', 'close');
            sendJson(res, err.status, { error: err.publicError });
          } else res.end();
          return;
        }
        if (clientGone(err) || req.destroyed) {
          opts.logger.warn({ err: forLog((err as Error).message), path }, 'client went away mid-request');
          if (!res.headersSent && !res.destroyed) sendJson(res, 400, { error: 'incomplete_request' });
          return;
        }
        opts.logger.error({ err: forLog((err as Error).message), path }, 'request failed');
        if (!res.headersSent) sendJson(res, 500, { error: 'internal_error' });
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
      new Promise<{ cut: number }>((resolve) => {
        draining = true;
        server.close(() => resolve({ cut: 0 }));
        server.closeIdleConnections();
        const done = (cut: number) => {
          server.closeAllConnections();
          resolve({ cut });
        };
        if (inFlight === 0) return done(0);
        drained = () => done(0);
        setTimeout(() => done(inFlight), graceMs).unref();
      }),
  };
}
