import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { Bot } from '../../src/conversation/bot.js';
import type { InboundMessage } from '../../src/inbound.js';
import { forLog, type Logger } from '../../src/logger.js';
import type { Reply } from '../../src/reply/reply.js';
import { readBody, type RouteHandler } from '../../src/server.js';
import { allowMethods, SECURITY_HEADERS } from './http-headers.js';
import { renderWebReply } from './web-reply.js';

/** The path the chat page posts each message to. */
export const WEB_MESSAGES_PATH = '/web/messages';

/** Largest request body taken: a question is at most a few thousand characters. */
export const WEB_MESSAGE_MAX_BYTES = 16 * 1024;

/** The workspace every web chat conversation is kept under in the Store (platform 'web'). */
export const WEB_WORKSPACE = 'local';

/** What the chat page posts: its tab's id (kept in sessionStorage, one conversation per tab) and the text. */
export const WebMessage = z.strictObject({
  tab: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'a tab id of 8-64 letters, digits, - or _'),
  text: z.string().max(4000),
});
export type WebMessage = z.infer<typeof WebMessage>;

const SORRY: Reply = { intent: 'error', title: '暂时无法回答', text: '暂时无法回答,请稍后再试。', results: [], footer: '请稍后再试。' };

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  res.end(text);
}

/** Whether a browser request comes from a page of this server (no Origin: not a cross-site browser request). */
function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch (err) {
    if (err instanceof TypeError) return false;
    throw err;
  }
}

/** A message of the web chat as the core reads it: one conversation per browser tab. */
export function toInbound(m: WebMessage): InboundMessage {
  return { platform: 'web', workspace: WEB_WORKSPACE, conversation: m.tab, user: `web-${m.tab}`, text: m.text, messageId: `web-${randomUUID()}` };
}

export interface WebMessagesDeps {
  bot: Bot;
  logger: Logger;
  /** where this server's reader pages are (the PUBLIC_URL path, or '') */
  root: string;
}

/**
 * POST /web/messages: a JSON {tab, text} from the chat page (same origin, at most WEB_MESSAGE_MAX_BYTES, checked by
 * zod) answered by the same Bot as Slack and Teams, with the Reply rendered for the page (renderWebReply).
 */
export function webMessagesRoute(deps: WebMessagesDeps): RouteHandler {
  return async (req, res) => {
    if (!allowMethods(req, res, ['POST'])) return;
    if (!sameOrigin(req)) return sendJson(res, 403, { error: 'cross_origin' });
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) return sendJson(res, 415, { error: 'expected_json' });
    const raw = await readBody(req, WEB_MESSAGE_MAX_BYTES, { maxJsonDepth: 4 });
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (err) {
      if (!(err instanceof SyntaxError)) throw err;
      return sendJson(res, 400, { error: 'invalid_json' });
    }
    const parsed = WebMessage.safeParse(json);
    if (!parsed.success) return sendJson(res, 400, { error: 'invalid_message', detail: parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ') });
    let reply: Reply;
    try {
      reply = await deps.bot.handle(toInbound(parsed.data));
    } catch (err) {
      deps.logger.error({ err: forLog((err as Error).message), text: forLog(parsed.data.text) }, 'bot failed to answer');
      reply = SORRY;
    }
    sendJson(res, 200, { reply: renderWebReply(reply, deps.root) });
  };
}
