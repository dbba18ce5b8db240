import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SafeHtml } from './html.js';

/**
 * The headers of every page and file the web adapter serves: a Content-Security-Policy that runs only our own
 * script files (no inline script, no eval, no other origin), no framing, no MIME sniffing, no referrer sent on.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
};

/** Whether the request uses one of the methods a route takes; otherwise it is answered 405 with Allow here. */
export function allowMethods(req: IncomingMessage, res: ServerResponse, methods: readonly string[]): boolean {
  if (methods.includes(req.method ?? '')) return true;
  const body = 'method not allowed\n';
  res.writeHead(405, { ...SECURITY_HEADERS, allow: methods.join(', '), 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
  return false;
}

/** Send bytes with the security headers; a HEAD request gets the same headers and no body. */
export function sendBytes(req: IncomingMessage, res: ServerResponse, status: number, type: string, body: string | Buffer, extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': type, 'content-length': Buffer.byteLength(body), ...extra });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** Send a rendered page (HTML, UTF-8), not cached: answers and content change with a reload. */
export function sendPage(req: IncomingMessage, res: ServerResponse, status: number, page: SafeHtml): void {
  sendBytes(req, res, status, 'text/html; charset=utf-8', page.html, { 'cache-control': 'no-cache' });
}
