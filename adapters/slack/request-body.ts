import { isUtf8 } from 'node:buffer';
import type { IncomingMessage } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import { HTTPModuleFunctions, type BufferedIncomingMessage } from '@slack/bolt';

/** Largest request body accepted at /slack/events (interaction payloads carry the whole message). */
export const BODY_LIMIT = 1_000_000;

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';
const SSL_CHECK = Buffer.from('ssl_check=1');

/** The request with its raw body read, or the status and error code to refuse it with. */
export type ReadResult = { ok: true; req: BufferedIncomingMessage } | { ok: false; status: number; error: string };

/** Read the raw body with Bolt's own reader (raw-body, bounded by BODY_LIMIT): too large is a 413, not a crash. */
export async function readRawBody(req: IncomingMessage): Promise<ReadResult> {
  try {
    return { ok: true, req: await HTTPModuleFunctions.bufferIncomingMessage(req, BODY_LIMIT) };
  } catch (err) {
    if (!HTTPModuleFunctions.isRawBodyError(err)) throw err;
    return { ok: false, status: err.statusCode, error: err.statusCode === 413 ? 'payload_too_large' : 'unreadable_body' };
  }
}

/** The request's media type, lower case, without parameters (`application/json; charset=utf-8` → `application/json`). */
export function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

/**
 * Whether an unverified body is Slack's ssl_check probe (form-encoded ssl_check=1), which carries no signature
 * (the same rule as Bolt's parseAndVerifyHTTPRequest). It is answered 200 and nothing else is done with it.
 */
export function isSslCheck(rawBody: Buffer, media: string): boolean {
  // a cheap look first (bytes against bytes): every request comes through here before its signature is checked
  return media === FORM && rawBody.includes(SSL_CHECK) && parseQuery(rawBody.toString('utf8')).ssl_check === '1';
}

/** A verified body as an object, or why it is refused (415: a content type Slack does not send; 400: not a payload). */
export type ParsedBody = { ok: true; body: Record<string, unknown> } | { ok: false; status: 400 | 415; problem: string };

/** Parse a verified body with Bolt's parseHTTPRequestBody: forms (with `payload=` JSON for interactions) and JSON. */
export function parseBody(req: BufferedIncomingMessage, media: string): ParsedBody {
  if (media !== FORM && media !== JSON_TYPE) return { ok: false, status: 415, problem: `unsupported content-type ${JSON.stringify(media)}` };
  // Slack sends UTF-8; Bolt would decode anything else with replacement characters and go on with a changed text
  if (!isUtf8(req.rawBody)) return { ok: false, status: 400, problem: 'body is not UTF-8' };
  // Bolt tells a form from JSON by the exact header value: hand it the media type without parameters (charset=…)
  if (req.headers['content-type'] !== media) req.headers['content-type'] = media;
  let body: unknown;
  try {
    body = HTTPModuleFunctions.parseHTTPRequestBody(req);
  } catch (err) {
    return { ok: false, status: 400, problem: `body is not JSON (${(err as Error).message})` };
  }
  // Bolt's default HTTPReceiver reads `body.ssl_check` straight after this parse, outside any try: a signed JSON
  // `null` (or `payload=null`) makes that throw in a floating promise and the unhandled rejection ends the process.
  // plan-bot refuses anything that is not a JSON object here, before Bolt sees it (test/slack/malformed.test.ts).
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, status: 400, problem: 'body is not a JSON object' };
  return { ok: true, body: body as Record<string, unknown> };
}
