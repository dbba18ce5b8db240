import type { IncomingMessage, ServerResponse } from 'node:http';
import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import { forLog, type Logger } from '../../src/logger.js';
import { readBody, sendJson } from '../../src/server.js';
import { classifySlackBody, isSslCheck, VALIDATED } from './payloads.js';
import { preparedBytes } from './prepared-json.js';
import { verifySlackSignature } from './signature.js';

/** Largest request body accepted at /slack/events (interaction payloads carry the whole message). */
const BODY_LIMIT = 1_000_000;

export interface RouteReceiverOptions {
  signingSecret: string;
  logger: Logger;
  /** the clock used for the 5-minute timestamp rule */
  now?: () => number;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function retryNum(req: IncomingMessage): number | undefined {
  const v = header(req, 'x-slack-retry-num');
  return v && /^\d{1,4}$/.test(v) ? Number(v) : undefined;
}

/**
 * A Bolt Receiver mounted as one route of plan-bot's HTTP server (/slack/events): it verifies Slack's
 * signature and timestamp, validates the payload, then hands it to the Bolt app with an ack that writes the
 * HTTP response. Forged, stale or malformed requests get a 4xx and never reach a listener.
 */
export class RouteReceiver implements Receiver {
  private app?: App;
  private readonly pending = new Set<Promise<unknown>>();

  constructor(private readonly opts: RouteReceiverOptions) {}

  init(app: App): void {
    this.app = app;
  }

  start(): Promise<void> {
    return Promise.resolve();
  }

  stop(): Promise<void> {
    return this.drain();
  }

  /** Wait (up to timeoutMs) for work still running after its request was acknowledged: answers being posted. */
  async drain(timeoutMs = 10_000): Promise<void> {
    if (this.pending.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
      timer.unref();
    });
    await Promise.race([Promise.allSettled([...this.pending]), timeout]);
    clearTimeout(timer);
  }

  /** The route handler for /slack/events. */
  readonly handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const log = this.opts.logger;
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      return sendJson(res, 405, { error: 'method_not_allowed' });
    }
    const rawBody = await readBody(req, BODY_LIMIT);
    const contentType = header(req, 'content-type');
    if (isSslCheck(rawBody, contentType)) return sendJson(res, 200, { ok: true });
    const verdict = verifySlackSignature({
      secret: this.opts.signingSecret,
      rawBody,
      timestamp: req.headers['x-slack-request-timestamp'],
      signature: req.headers['x-slack-signature'],
      nowMs: (this.opts.now ?? Date.now)(),
    });
    if (!verdict.ok) {
      log.warn({ reason: verdict.reason, ip: forLog(req.socket.remoteAddress ?? '') }, 'slack request rejected');
      return sendJson(res, 401, { error: verdict.reason });
    }
    const request = classifySlackBody(rawBody, contentType);
    switch (request.kind) {
      case 'invalid':
        log.warn({ problem: forLog(request.problem) }, 'malformed slack request');
        return sendJson(res, request.status, { error: request.status === 415 ? 'unsupported_media_type' : 'invalid_payload', detail: request.problem });
      case 'ssl_check':
        return sendJson(res, 200, { ok: true });
      case 'url_verification':
        return sendJson(res, 200, { challenge: request.challenge });
      default:
        // the validated payload rides along, so listeners need not validate it again
        return this.dispatch(req, res, request.body as unknown as Record<string, unknown>, { [VALIDATED]: request.body });
    }
  };

  private async dispatch(req: IncomingMessage, res: ServerResponse, body: Record<string, unknown>, customProperties: Record<string, unknown>): Promise<void> {
    const app = this.app;
    if (!app) return sendJson(res, 503, { error: 'not_ready' });
    let acked = false;
    const ack = async (response?: unknown): Promise<void> => {
      if (acked) throw new Error('slack request acknowledged twice');
      acked = true;
      const bytes = preparedBytes(response);
      if (bytes) {
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': bytes.length });
        res.end(bytes);
      } else if (response === undefined || response === '') {
        res.writeHead(200, { 'content-length': 0 });
        res.end();
      } else if (typeof response === 'string') {
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(response) });
        res.end(response);
      } else sendJson(res, 200, response);
    };
    const retry = retryNum(req);
    const event: ReceiverEvent = { body, ack, customProperties, ...(retry !== undefined ? { retryNum: retry } : {}), ...(header(req, 'x-slack-retry-reason') ? { retryReason: forLog(header(req, 'x-slack-retry-reason')) } : {}) };
    const work = app.processEvent(event);
    this.pending.add(work);
    try {
      await work;
    } catch (err) {
      this.opts.logger.error({ err: forLog((err as Error).message) }, 'slack request failed');
      if (!res.headersSent) sendJson(res, 500, { error: 'internal_error' });
      return;
    } finally {
      this.pending.delete(work);
    }
    if (!acked && !res.headersSent) sendJson(res, 404, { error: 'no_handler' });
  }
}
