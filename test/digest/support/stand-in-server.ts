// A local HTTP server standing in for a chat platform's Web API (Slack's chat.postMessage, the Bot Connector's
// activities endpoint). Only the platform is faked: plan-bot's senders, schedulers and Redis are real.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

/** One request the stand-in received, with its body parsed (JSON, or form fields with JSON-valued fields decoded). */
export interface Received {
  path: string;
  headers: IncomingMessage['headers'];
  body: Record<string, any>;
  /** what it was answered: status and JSON body (absent while hanging) */
  answer?: { status: number; body: any };
}

/** An answer: status, JSON body, headers; or 'hang' to never answer (a post that never lands). */
export type Answer = { status: number; body: unknown; headers?: Record<string, string> } | 'hang';

export interface StandIn {
  /** http://127.0.0.1:PORT */
  origin: string;
  /** every request, in arrival order (answered or not) */
  received: Received[];
  /** decides the answer to a request; undefined: the default success */
  respond?: (r: Received) => Answer | undefined;
  /** how long the platform takes to answer, like a real one over the network (default 0) */
  latencyMs?: number;
  close(): Promise<void>;
}

function parse(raw: string, contentType: string | undefined): Record<string, any> {
  if (!raw) return {};
  if ((contentType ?? '').includes('json') || raw.trimStart().startsWith('{')) return JSON.parse(raw);
  const form: Record<string, any> = Object.fromEntries(new URLSearchParams(raw));
  for (const k of ['blocks', 'attachments', 'metadata']) if (typeof form[k] === 'string') form[k] = JSON.parse(form[k]);
  return form;
}

/** Start a stand-in on a free port; `ok` is the default success body for a request. */
export async function startStandIn(ok: (r: Received) => unknown): Promise<StandIn> {
  const hanging = new Set<ServerResponse>();
  const standIn = { received: [] as Received[] } as unknown as StandIn;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r: Received = { path: (req.url ?? '/').split('?')[0]!, headers: req.headers, body: parse(Buffer.concat(chunks).toString('utf8'), req.headers['content-type']) };
      standIn.received.push(r);
      const answer = standIn.respond?.(r) ?? { status: 200, body: ok(r) };
      if (answer === 'hang') {
        hanging.add(res);
        return;
      }
      const reply = () => {
        r.answer = { status: answer.status, body: answer.body };
        res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', ...answer.headers });
        res.end(JSON.stringify(answer.body));
      };
      if (standIn.latencyMs) setTimeout(reply, standIn.latencyMs);
      else reply();
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  standIn.origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  standIn.close = () =>
    new Promise<void>((resolve) => {
      for (const res of hanging) res.destroy();
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return standIn;
}

let ts = 1_800_000_000;

/** A message the Slack stand-in keeps in a channel's history. */
interface StoredMessage {
  ts: string;
  text: string;
  metadata?: unknown;
}

/**
 * A stand-in for Slack's Web API at {origin}/api/: chat.postMessage keeps the message (with its metadata) in the
 * channel's history the moment it arrives (before it is answered, as Slack does) and answers ok with a ts;
 * conversations.history answers a channel's messages newest first, from `oldest`, `limit` at a time with a cursor,
 * metadata only with include_all_metadata; anything else ok.
 */
export function startSlackStandIn(): Promise<StandIn> {
  const history = new Map<string, StoredMessage[]>();
  return startStandIn((r) => {
    if (r.path === '/api/chat.postMessage') {
      const m: StoredMessage = { ts: `${++ts}.000100`, text: String(r.body.text ?? ''), ...(r.body.metadata ? { metadata: r.body.metadata } : {}) };
      history.set(r.body.channel, [...(history.get(r.body.channel) ?? []), m]);
      return { ok: true, channel: r.body.channel, ts: m.ts };
    }
    if (r.path === '/api/conversations.history') {
      const oldest = Number(r.body.oldest ?? 0);
      const limit = Math.min(Number(r.body.limit ?? 100), 999);
      const from = Number(r.body.cursor ?? 0);
      const all = (history.get(r.body.channel) ?? []).filter((m) => Number(m.ts) > oldest).reverse();
      const page = all.slice(from, from + limit);
      const meta = r.body.include_all_metadata === 'true' || r.body.include_all_metadata === true;
      const more = from + limit < all.length;
      return { ok: true, messages: page.map((m) => ({ type: 'message', ts: m.ts, text: m.text, ...(meta && m.metadata ? { metadata: m.metadata } : {}) })), has_more: more, response_metadata: { next_cursor: more ? String(from + limit) : '' } };
    }
    return { ok: true };
  });
}

/** The chat.postMessage calls a Slack stand-in received (answered or not). */
export function postMessages(s: StandIn): Received[] {
  return s.received.filter((r) => r.path === '/api/chat.postMessage');
}

/** The messages Slack would show: chat.postMessage calls answered 200 ok:true. */
export function posted(s: StandIn): Received[] {
  return postMessages(s).filter((r) => r.answer?.status === 200 && r.answer.body?.ok === true);
}

/** How many messages were posted to each channel. */
export function postsPerChannel(s: StandIn): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of posted(s)) m.set(r.body.channel, (m.get(r.body.channel) ?? 0) + 1);
  return m;
}
