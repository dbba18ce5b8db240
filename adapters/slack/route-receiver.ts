import type { IncomingMessage, ServerResponse } from 'node:http';
import { HTTPModuleFunctions, HTTPResponseAck, ReceiverMultipleAckError, type App, type Authorize, type BufferedIncomingMessage, type Logger as BoltLogger, type Receiver } from '@slack/bolt';
import { forLog, type Logger } from '../../src/logger.js';
import { sendJson } from '../../src/server.js';
import { boltLogger } from './bolt-logger.js';
import { checkPayload, VALIDATED, type SlashCommand } from './payloads.js';
import { preparedBytes } from './prepared-json.js';
import { isSslCheck, mediaType, parseBody, readRawBody } from './request-body.js';
import { verifySignature } from './verify-signature.js';

/**
 * The three families of Slack request, each dispatched to its own Bolt App in HTTP mode: Bolt runs every listener
 * and global middleware an App has on every request it processes, so each App holds only its lane's listeners.
 * Driving serve with bench:slack's signed /plan load (repeated topics, one slow period of the shared 2 cores), the
 * cached /plan cost 390 µs of server CPU with every listener on one App and 300 µs with the command's App alone; a
 * bare Bolt app given the same five listeners and the assistant went from 195 to 304 µs per request. Slash commands
 * skip Bolt's dispatch altogether: their listener is given to `commands` (see there).
 */
export type SlackLane = 'event' | 'interaction';

/** What a slash command's listener is given: the checked body, the HTTP ack, and the context (the installation's, in OAuth mode). */
export interface CommandArgs {
  body: SlashCommand;
  ack: (answer?: unknown) => Promise<void>;
  context: Record<string, unknown>;
}

/** A slash command's listener, called by the receiver itself (see RouteReceiver.commands). */
export type CommandHandler = (args: CommandArgs) => Promise<void>;

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
  private command: { handler: CommandHandler; authorize?: Authorize<boolean> } | undefined;
  private readonly pending = new Set<Promise<unknown>>();
  private readonly boltLog: BoltLogger;

  constructor(private readonly opts: RouteReceiverOptions) {
    this.boltLog = boltLogger(opts.logger, 'bolt-receiver');
  }

  /** One App for every lane (what Bolt calls when this receiver is given to a single App). */
  init(app: App): void {
    for (const lane of ['event', 'interaction'] as const) this.apps.set(lane, app);
  }

  /** A receiver for one lane: the App constructed with it gets only that lane's requests. */
  lane(lane: SlackLane): Receiver {
    return {
      init: (app: App) => void this.apps.set(lane, app),
      start: () => Promise.resolve(),
      stop: () => this.drain(),
    };
  }

  /**
   * Slash commands, called here rather than through a Bolt App's processEvent. A command has one listener, needs no
   * Bolt utility (its answer goes in the ack, or to response_url through plan-bot's sender) and no global middleware,
   * so all Bolt's dispatch adds is per-request garbage: under bench:slack's mixed load, 76 % of the bytes serve
   * promoted into the old generation were allocated by App.processEvent's chain (scripts/bench/heap-sample.mjs).
   * OAuth mode still authorizes each request with the same authorize Bolt is given; a workspace it refuses gets an
   * empty ack, as Bolt gives it.
   */
  commands(handler: CommandHandler, authorize?: Authorize<boolean>): void {
    this.command = { handler, ...(authorize ? { authorize } : {}) };
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
      case 'command':
        if (!this.command) return sendJson(res, 503, { error: 'not_ready' });
        return this.track(this.runCommand(this.command, read.req, res, payload.body));
      case 'event':
        return this.dispatch(this.apps.get('event'), read.req, res, payload.body);
      default:
        return this.dispatch(this.apps.get('interaction'), read.req, res, payload.body);
    }
  };

  /** Keep work in `pending` (for drain) until it settles. */
  private async track(work: Promise<void>): Promise<void> {
    this.pending.add(work);
    try {
      await work;
    } finally {
      this.pending.delete(work);
    }
  }

  /** Bolt's HTTP ack for this request, writing a prepared body's bytes as they are. */
  private httpAck(req: BufferedIncomingMessage, res: ServerResponse, body: Record<string, unknown>) {
    const response = new HTTPResponseAck({ logger: this.boltLog, processBeforeResponse: false, httpRequest: req, httpRequestBody: body, httpResponse: res });
    const boltAck = response.bind();
    const state = { acked: false };
    const ack = async (answer?: unknown): Promise<void> => {
      const bytes = preparedBytes(answer);
      if (!bytes) {
        state.acked = true;
        return boltAck(answer);
      }
      if (state.acked) throw new ReceiverMultipleAckError();
      state.acked = true;
      // an ack body serialised once for many requests (SlashAckCache): written as it is, not stringified again
      response.ack();
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': bytes.length });
      res.end(bytes);
    };
    /** after the listeners: stop Bolt's 3-second no-ack timer and answer what nobody acknowledged */
    const settle = (status: number, error: string) => {
      if (state.acked) return;
      response.ack();
      if (!res.headersSent) sendJson(res, status, { error });
    };
    return { ack, settle };
  }

  /** A slash command: authorized (OAuth mode), then its listener, with the HTTP ack. */
  private async runCommand(command: NonNullable<RouteReceiver['command']>, req: BufferedIncomingMessage, res: ServerResponse, body: SlashCommand): Promise<void> {
    const { ack, settle } = this.httpAck(req, res, body);
    const isEnterpriseInstall = body.is_enterprise_install === 'true';
    const enterpriseId = typeof body.enterprise_id === 'string' && body.enterprise_id !== '' ? body.enterprise_id : undefined;
    // what Bolt's buildSource reads from a slash command
    const source = { teamId: body.team_id, ...(enterpriseId ? { enterpriseId } : {}), userId: body.user_id, conversationId: body.channel_id, isEnterpriseInstall };
    const context: Record<string, unknown> = { ...source, [VALIDATED]: body };
    try {
      if (command.authorize) {
        const authorize = command.authorize;
        // Promise.resolve().then: an authorize that throws synchronously is refused the same way as one that rejects
        const auth = await Promise.resolve()
          .then(() => authorize(source as Parameters<Authorize<boolean>>[0], body as never))
          .catch((err: unknown) => void this.authorizeFailed(err));
        if (!auth) return await ack();
        Object.assign(context, auth, { [VALIDATED]: body });
      }
      await command.handler({ body, ack, context });
    } catch (err) {
      this.opts.logger.error({ code: (err as { code?: string })?.code ?? 'unknown', err: forLog(err instanceof Error ? err.message : String(err)) }, 'slack listener failed');
      if (!res.headersSent) sendJson(res, 500, { error: 'internal_error' });
    } finally {
      settle(404, 'no_handler');
    }
  }

  /** A slash command whose workspace authorize refused: a workspace that never installed is a warning, anything else (a corrupt record, a failed refresh, Redis down) an error. */
  private authorizeFailed(err: unknown): void {
    const code = typeof (err as { code?: unknown })?.code === 'string' ? (err as { code: string }).code : 'unknown';
    const line = { code: 'slack_authorize_failed', cause: code, err: forLog(err instanceof Error ? err.message : String(err)) };
    if (code === 'INSTALLATION_NOT_FOUND') this.opts.logger.warn(line, 'slash command from a workspace without an installation: acked empty');
    else this.opts.logger.error(line, 'slash command could not be authorized: acked empty');
  }

  /** Hand a checked payload to the Bolt app with Bolt's HTTP ack; answer 404 when no listener acknowledged it. */
  private async dispatch(app: App | undefined, req: BufferedIncomingMessage, res: ServerResponse, body: Record<string, unknown>): Promise<void> {
    if (!app) return sendJson(res, 503, { error: 'not_ready' });
    const { ack, settle } = this.httpAck(req, res, body);
    const work = app.processEvent({
      body,
      ack,
      retryNum: HTTPModuleFunctions.extractRetryNumFromHTTPRequest(req),
      retryReason: HTTPModuleFunctions.extractRetryReasonFromHTTPRequest(req),
      // the validated payload rides along, so listeners need not validate it again
      customProperties: { [VALIDATED]: body },
    });
    try {
      await this.track(work);
    } catch (err) {
      this.opts.logger.error({ err: forLog((err as Error).message) }, 'slack request failed');
      if (!res.headersSent) sendJson(res, 500, { error: 'internal_error' });
    } finally {
      // every listener is done, none wanted this payload (another app's button)
      settle(404, 'no_handler');
    }
  }
}
