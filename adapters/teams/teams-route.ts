import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Bot } from '../../src/conversation/bot.js';
import type { Knowledge } from '../../src/knowledge.js';
import { forLog, type Logger } from '../../src/logger.js';
import { readBody, sendJson, type RouteHandler } from '../../src/server.js';
import type { Store } from '../../src/store/store.js';
import { TeamsActivity } from './activity.js';
import type { TeamsConfig } from './config.js';
import { ReferenceKeeper } from './conversation-reference.js';
import { fallbackInvokeReply, RECEIVED_TEXT, UNAVAILABLE_TEXT } from './invoke-response.js';
import { createMessageExtension } from './message-extension.js';
import { ReplyChains } from './reply-chains.js';
import { allowedWithoutAuth } from './service-url.js';
import { createTeamsAdapter, type TeamsAuthResult } from './teams-adapter.js';
import { createTurnLogic } from './teams-turn.js';

/** The path Bot Framework posts activities to (the bot's messaging endpoint). */
export const TEAMS_PATH = '/api/messages';

/** How long an activity id is remembered, so that a redelivered activity is answered once. */
const DEDUP_TTL_SECONDS = 24 * 3600;

/**
 * Largest activity accepted. A Teams message is at most about 28 KB of text and an Adaptive Card action's data is
 * small; with the activity's envelope (channelData, entities, attachments' metadata) 128 KiB is generous.
 */
export const TEAMS_MAX_BODY_BYTES = 128 * 1024;

/** Deepest JSON nesting accepted: activities nest about 6 levels, card data a few more. */
export const TEAMS_MAX_JSON_DEPTH = 32;

/** A conversation reference's TTL when the configuration does not say (90 days). */
const DEFAULT_REFERENCE_TTL_SECONDS = 90 * 24 * 3600;

/** A conversation context's TTL when the configuration does not say (CONTEXT_TTL_SECONDS' default, 24 h). */
const DEFAULT_CONTEXT_TTL_SECONDS = 24 * 3600;

/**
 * What the Teams endpoint is built from: the core bot, the loaded plans (the message extension's search and link
 * unfurling), the store (dedup, references, reply chains), the MICROSOFT_APP_* settings, the context TTL (how long a
 * channel reply chain takes follow-ups without a mention) and PUBLIC_URL (the passage links it unfurls).
 */
export interface TeamsRouteDeps {
  bot: Bot;
  knowledge: Knowledge;
  store: Store;
  config: Partial<TeamsConfig> & { contextTtlSeconds?: number; publicUrl?: string };
  logger: Logger;
}

/** Why an authentication failed, as a status: 503 when the Bot Framework keys could not be fetched (in time), else 401. */
function authFailureStatus(err: unknown): 401 | 503 {
  const e = err as { statusCode?: unknown; name?: unknown; code?: unknown };
  return (typeof e.statusCode === 'number' && e.statusCode >= 500) || e.name === 'FetchError' || e.code === 'TEAMS_AUTH_TIMEOUT' ? 503 : 401;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    if (err instanceof SyntaxError) return undefined;
    throw err;
  }
}

/** Settle with the promise, or reject with this code once ms have passed (the work itself is not stopped). */
function withinMs<T>(work: Promise<T>, ms: number, code = 'TEAMS_SEND_TIMEOUT', what = 'the turn'): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`${what} did not finish within ${ms} ms`), { code })), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function endEmpty(res: ServerResponse, status: number): void {
  res.writeHead(status, { 'content-length': 0 });
  res.end();
}

/** Say at start-up how the Teams endpoint authenticates; loudly when it does not. */
function announce(log: Logger, config: TeamsRouteDeps['config']): void {
  if (!config.microsoftAppId) {
    if (!config.teamsAllowUnauthenticated) {
      log.warn({ path: TEAMS_PATH }, 'teams: closed: no MICROSOFT_APP_ID and no TEAMS_ALLOW_UNAUTHENTICATED=true; every request is refused');
      return;
    }
    log.warn(
      { path: TEAMS_PATH, emulatorPorts: config.teamsEmulatorPorts ?? [] },
      `teams: on, UNAUTHENTICATED (TEAMS_ALLOW_UNAUTHENTICATED=true, no MICROSOFT_APP_ID). ANYONE WHO CAN REACH THIS PORT CAN TALK TO THE BOT. Answers go only to http://localhost|127.0.0.1|[::1] on TEAMS_EMULATOR_PORTS (${(config.teamsEmulatorPorts ?? []).join(', ') || 'none'}). For local testing (Bot Framework Emulator, tests) only: set MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD to reach Teams.`,
    );
  } else {
    log.info({ path: TEAMS_PATH, appType: config.microsoftAppType ?? 'MultiTenant', appId: config.microsoftAppId }, 'teams: on, HTTP endpoint; every request must carry a valid Bot Framework token');
  }
}

/**
 * The Teams endpoint (/api/messages) as a plain node:http handler: refuses everything when neither an app id
 * nor unauthenticated testing is configured, bounds the body (size and JSON depth, before parsing), verifies
 * the Bot Framework token (401 and nothing processed when it is missing or invalid), answers each activity id
 * once, and runs the turn through botbuilder's CloudAdapter, whose replies have a deadline.
 */
export function createTeamsRoute(deps: TeamsRouteDeps): RouteHandler {
  const log = deps.logger.child({ platform: 'teams' });
  const { config, store } = deps;
  const adapter = createTeamsAdapter({
    appId: config.microsoftAppId,
    appPassword: config.microsoftAppPassword,
    appType: config.microsoftAppType,
    tenantId: config.microsoftAppTenantId,
    ...(config.teamsSendTimeoutMs ? { sendTimeoutMs: config.teamsSendTimeoutMs } : {}),
  });
  const references = new ReferenceKeeper(store, log, config.teamsReferenceTtlSeconds ?? DEFAULT_REFERENCE_TTL_SECONDS);
  const chains = new ReplyChains(store, log, config.contextTtlSeconds ?? DEFAULT_CONTEXT_TTL_SECONDS);
  const extension = createMessageExtension({ knowledge: deps.knowledge, logger: log, ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}) });
  const turn = createTurnLogic({ bot: deps.bot, references, chains, logger: log, extension });
  // closed unless an app id authenticates requests or unauthenticated testing was asked for explicitly
  const closed = !config.microsoftAppId && !config.teamsAllowUnauthenticated;
  const emulatorPorts = config.teamsEmulatorPorts ?? [];
  const turnLimitMs = (config.teamsSendTimeoutMs ?? 5_000) + 500;
  // botbuilder fetches the OpenID metadata and JWKS (node-fetch) and the outbound token (msal-node) with no timeout
  // of its own: the request waits at most this long for them, then is answered 503 (the fetch itself is abandoned)
  const authLimitMs = config.teamsSendTimeoutMs ?? 5_000;
  announce(log, config);

  const claim = async (id: string): Promise<boolean> => {
    try {
      return await store.claimOnce(id, DEDUP_TTL_SECONDS);
    } catch (err) {
      log.warn({ err: forLog((err as Error).message) }, 'could not claim the activity id; answering it anyway');
      return true;
    }
  };
  const release = async (id: string): Promise<void> => {
    try {
      await store.releaseClaim(id);
    } catch (err) {
      log.warn({ err: forLog((err as Error).message) }, 'could not release the activity claim');
    }
  };

  return async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      return sendJson(res, 405, { error: 'method_not_allowed' });
    }
    if (closed) {
      log.warn({ code: 'TEAMS_UNAUTHORIZED' }, 'Teams request refused: the endpoint is closed (no MICROSOFT_APP_ID)');
      res.setHeader('connection', 'close');
      return sendJson(res, 401, { error: 'unauthorized' });
    }
    const body = parseJson(await readBody(req, TEAMS_MAX_BODY_BYTES, { maxJsonDepth: TEAMS_MAX_JSON_DEPTH }));
    if (!isObject(body) || typeof body.type !== 'string') return sendJson(res, 400, { error: 'invalid_activity' });

    let auth: TeamsAuthResult;
    try {
      auth = await withinMs(adapter.authenticate(body, req.headers.authorization ?? ''), authLimitMs, 'TEAMS_AUTH_TIMEOUT', 'the Bot Framework token check (OpenID metadata, JWKS)');
    } catch (err) {
      const status = authFailureStatus(err);
      const code = status === 401 ? 'TEAMS_UNAUTHORIZED' : 'TEAMS_AUTH_UNAVAILABLE';
      log.warn({ code, reason: forLog((err as Error).message), hasToken: Boolean(req.headers.authorization) }, 'Teams request rejected');
      return sendJson(res, status, { error: status === 401 ? 'unauthorized' : 'auth_unavailable' });
    }

    const parsed = TeamsActivity.safeParse(body);
    if (!parsed.success) {
      const problem = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      log.warn({ code: 'TEAMS_ACTIVITY_INVALID', problem: forLog(problem) }, 'Teams activity rejected');
      return sendJson(res, 400, { error: 'invalid_activity' });
    }
    const a = parsed.data;
    if (!config.microsoftAppId && !allowedWithoutAuth(a.serviceUrl, emulatorPorts)) {
      log.warn({ code: 'TEAMS_UNAUTHORIZED', serviceUrl: forLog(a.serviceUrl) }, 'unauthenticated Teams request names a serviceUrl other than loopback on TEAMS_EMULATOR_PORTS; not answered');
      return sendJson(res, 403, { error: 'service_url_not_allowed' });
    }
    const claimId = a.id ? `teams:${a.conversation.id}:${a.id}` : undefined;
    const isInvoke = a.type === 'invoke';
    if (claimId && !(await claim(claimId))) {
      log.info({ activity: forLog(a.id) }, 'duplicate Teams activity ignored');
      if (isInvoke) return sendJson(res, 200, fallbackInvokeReply(a.name, RECEIVED_TEXT).body);
      return endEmpty(res, 200);
    }
    try {
      // the turn's replies have their own deadline in the connector pipeline; this bounds the request as a whole
      const invoke = await withinMs(adapter.run(auth, a, (context) => turn(context, a)), turnLimitMs);
      if (isInvoke) {
        // an invoke is always answered with a body Teams accepts: the turn's own, or the minimal one of its kind
        if (invoke && invoke.status >= 200 && invoke.status < 300) return sendJson(res, invoke.status, invoke.body ?? {});
        log.warn({ code: 'TEAMS_INVOKE_UNANSWERED', invoke: forLog(a.name ?? ''), status: invoke?.status }, 'the turn set no invoke response; answered with the minimal one');
        return sendJson(res, 200, fallbackInvokeReply(a.name).body);
      }
      if (invoke) return sendJson(res, invoke.status, invoke.body ?? {});
      return endEmpty(res, 200);
    } catch (err) {
      if (claimId) await release(claimId);
      const e = err as { message?: string; statusCode?: number; code?: string };
      log.error({ code: 'TEAMS_SEND_FAILED', err: forLog(e.message), status: e.statusCode, apiCode: forLog(e.code), ...(isInvoke ? { invoke: forLog(a.name ?? '') } : {}) }, 'could not answer a Teams activity');
      // Teams shows an invoke's failure to the user as an error: answer it with a short apology instead, so the button can be pressed again
      if (isInvoke) return sendJson(res, 200, fallbackInvokeReply(a.name, UNAVAILABLE_TEXT).body);
      return sendJson(res, 500, { error: 'internal_error' });
    }
  };
}
