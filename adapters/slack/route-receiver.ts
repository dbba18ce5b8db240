import type { IncomingMessage, ServerResponse } from 'node:http';
import { HTTPModuleFunctions, HTTPResponseAck, ReceiverMultipleAckError, type App, type BufferedIncomingMessage, type Logger as BoltLogger, type Receiver } from '@slack/bolt';
import { forLog, type Logger } from '../../src/logger.js';
import { sendJson } from '../../src/server.js';
import { boltLogger } from './bolt-logger.js';
import { checkPayload, VALIDATED } from './payloads.js';
import { preparedBytes } from './prepared-json.js';
import { isSslCheck, mediaType, parseBody, readRawBody } from './request-body.js';
import { verifySignature } from './verify-signature.js';

/**
 * The three families of Slack request, each dispatched to its own Bolt App in HTTP mode: Bolt runs every listener
 * and global middleware an App has on every request it processes, so a slash command goes to an App that holds
 * only the command listener, as a bare Bolt app would. Driving serve with bench:slack's signed /plan load (repeated
 * topics, one slow period of the shared 2 cores), the cached /plan cost 390 µs of server CPU with every listener on
 * one App and 300 µs with the command's App alone; a bare Bolt app given the same five listeners and the assistant
 * went from 195 to 304 µs per request.
 */
export type SlackLane = 'command' | 'event' | 'interaction';

/** The lane a checked payload belongs to. */
function laneOf(kind: 'command' | 'event' | 'action' | 'shortcut' | 'view'): SlackLane {
  return kind === 'command' ? 'command' : kind === 'event' ? 'event' : 'interaction';
}

export interface RouteReceiverOptions {
  signingSecret: string;
  logger: Logger;
  /** the clock used for the 5-minute timestamp rule */
  now?: () => number;
}

/**
 * A Bolt Receiver mounted as one route of plan-bot's HTTP server (/slack/events), built from Bolt's own
 * HTTPModuleFunctions, verifySlackRequest and HTTPResponseAck. It differs from Bolt's HTTPReceiver only where
 * that one goes wrong for plan-bot: forged, stale or malformed requests get a 4xx with a JSON reason (never a
 * crash) and never reach a listener, and it shares plan-bot's server instead of opening one of its own.
 */
export class RouteReceiver implements Receiver {
  private readonly apps = new Map<SlackLane, App>();
  private readonly pending = new Set<Promise<unknown>>();
  private readonly boltLog: BoltLogger;

  constructor(private readonly opts: RouteReceiverOptions) {
    this.boltLog = boltLogger(opts.logger, 'bolt-receiver');
  }

  /** One App for every lane (what Bolt calls when this receiver is given to a single App). */
  init(app: App): void {
    for (const lane of ['command', 'event', 'interaction'] as const) this.apps.set(lane, app);
  }

  /** A receiver for one lane: the App constructed with it gets only that lane's requests. */
  lane(lane: SlackLane): Receiver {
    return {
      init: (app: App) => void this.apps.set(lane, app),
      start: () => Promise.resolve(),
      stop: () => this.drain(),
    };
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
    const read = await readRawBody(req);
    if (!read.ok) {
      // the unread rest of the body would poison a kept-alive connection: close it after answering
      res.setHeader('connection', 'close');
      return sendJson(res, read.status, { error: read.error });
    }
    const media = mediaType(req);
    if (isSslCheck(read.req.rawBody, media)) return sendJson(res, 200, { ok: true });
    const verdict = verifySignature({
      secret: this.opts.signingSecret,
      rawBody: read.req.rawBody,
      timestamp: req.headers['x-slack-request-timestamp'],
      signature: req.headers['x-slack-signature'],
      nowMs: (this.opts.now ?? Date.now)(),
    });
    if (!verdict.ok) {
      log.warn({ reason: verdict.reason, ip: forLog(req.socket.remoteAddress ?? '') }, 'slack request rejected');
      return sendJson(res, 401, { error: verdict.reason });
    }
    const parsed = parseBody(read.req, media);
    const payload = parsed.ok ? checkPayload(parsed.body) : { kind: 'invalid' as const, problem: parsed.problem };
    switch (payload.kind) {
      case 'invalid': {
        const status = parsed.ok ? 400 : parsed.status;
        log.warn({ problem: forLog(payload.problem) }, 'malformed slack request');
        return sendJson(res, status, { error: status === 415 ? 'unsupported_media_type' : 'invalid_payload', detail: payload.problem });
      }
      case 'url_verification':
        return HTTPModuleFunctions.buildUrlVerificationResponse(res, payload);
      default:
        return this.dispatch(this.apps.get(laneOf(payload.kind)), read.req, res, payload.body);
    }
  };

  /** Hand a checked payload to the Bolt app with Bolt's HTTP ack; answer 404 when no listener acknowledged it. */
  private async dispatch(app: App | undefined, req: BufferedIncomingMessage, res: ServerResponse, body: Record<string, unknown>): Promise<void> {
    if (!app) return sendJson(res, 503, { error: 'not_ready' });
    const response = new HTTPResponseAck({ logger: this.boltLog, processBeforeResponse: false, httpRequest: req, httpRequestBody: body, httpResponse: res });
    const boltAck = response.bind();
    let acked = false;
    const ack = async (answer?: unknown): Promise<void> => {
      const bytes = preparedBytes(answer);
      if (!bytes) {
        acked = true;
        return boltAck(answer);
      }
      if (acked) throw new ReceiverMultipleAckError();
      acked = true;
      // an ack body serialised once for many requests (SlashAckCache): written as it is, not stringified again
      response.ack();
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': bytes.length });
      res.end(bytes);
    };
    const work = app.processEvent({
      body,
      ack,
      retryNum: HTTPModuleFunctions.extractRetryNumFromHTTPRequest(req),
      retryReason: HTTPModuleFunctions.extractRetryReasonFromHTTPRequest(req),
      // the validated payload rides along, so listeners need not validate it again
      customProperties: { [VALIDATED]: body },
    });
    this.pending.add(work);
    try {
      await work;
    } catch (err) {
      this.opts.logger.error({ err: forLog((err as Error).message) }, 'slack request failed');
      if (!res.headersSent) sendJson(res, 500, { error: 'internal_error' });
    } finally {
      this.pending.delete(work);
      if (!acked) {
        // stops Bolt's 3-second no-ack timer: every listener is done, none wanted this payload (another app's button)
        response.ack();
        if (!res.headersSent) sendJson(res, 404, { error: 'no_handler' });
      }
    }
  }
}
