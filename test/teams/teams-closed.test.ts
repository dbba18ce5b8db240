// Teams closed by default and bounded, against plan-bot serve in-process: real HTTP, real Redis, the Connector
// mocked with nock only where it is Microsoft's (loopback stand-ins are real servers).
import '../support/node20-nock.js';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { Redis } from 'ioredis';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../app/config.js';
import { startServe, type Serving } from '../../app/serve.js';
import { silentLogger } from '../../src/logger.js';
import { knowledge } from '../support/knowledge.js';
import { EMULATOR_PORT, message, mockConnector, type Posted } from './teams-harness.js';

let redis: Redis;
const outbound: string[] = [];
let posted: Posted[];

beforeAll(() => {
  redis = new Redis(inject('redisUrl'));
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
  posted = mockConnector();
  nock.emitter.on('no match', (req: Request) => {
    // loopback is this test's own servers (counted by their hits); anything else would be a real outbound call
    if (new URL(req.url).hostname !== '127.0.0.1') outbound.push(req.url);
  });
});
afterAll(async () => {
  redis.disconnect();
  nock.cleanAll();
  nock.enableNetConnect();
});

async function serve(env: Record<string, string>): Promise<{ serving: Serving; url: string; prefix: string }> {
  const prefix = `test-teams-closed-${randomUUID()}:`;
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', REDIS_URL: inject('redisUrl'), REDIS_PREFIX: prefix, DIGEST_ENABLED: 'false', ...env });
  const serving = await startServe({ config, knowledge: knowledge(), logger: silentLogger() });
  return { serving, url: `http://127.0.0.1:${serving.port}/api/messages`, prefix };
}
const post = (url: string, activity: object) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
const keysUnder = (prefix: string) => redis.keys(`${prefix}*`);

/** A loopback HTTP server that counts requests and, when told, never answers them. */
async function loopback(answer: boolean): Promise<{ server: Server; port: number; hits: () => number }> {
  let hits = 0;
  const server = createServer((req, res) => {
    hits += 1;
    req.resume();
    if (answer) res.writeHead(201, { 'content-type': 'application/json' }).end('{"id":"x"}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { server, port: (server.address() as { port: number }).port, hits: () => hits };
}

describe('Teams closed by default', () => {
  it('with no Teams variables: /api/messages is 404, and nothing is stored or sent', async () => {
    const { serving, url, prefix } = await serve({});
    try {
      const before = posted.length;
      // serve writes its data epoch at start (data-loss detection); the request must add nothing to that
      const keysAtStart = (await keysUnder(prefix)).filter((k) => !k.endsWith(':epoch'));
      expect(keysAtStart).toEqual([]);
      const res = await post(url, message('/plan 应急管理', { conversationId: 'a:closed-1' }));
      expect(res.status).toBe(404);
      await new Promise((r) => setTimeout(r, 100));
      expect(posted.length).toBe(before);
      expect(outbound).toEqual([]);
      expect((await keysUnder(prefix)).filter((k) => !k.endsWith(':epoch'))).toEqual([]);
    } finally {
      await serving.close();
    }
  });

  it('TEAMS_ENABLED=false switches Teams off even with an app id', async () => {
    const { serving, url } = await serve({ TEAMS_ENABLED: 'false', MICROSOFT_APP_ID: '6a1b7c2d-0000-4000-8000-000000000b07', MICROSOFT_APP_PASSWORD: 'pw' });
    try {
      expect((await post(url, message('/plan 应急管理'))).status).toBe(404);
    } finally {
      await serving.close();
    }
  });

  it('with TEAMS_ALLOW_UNAUTHENTICATED=true: a serviceUrl outside loopback on TEAMS_EMULATOR_PORTS is refused, numeric tricks too', async () => {
    const other = await loopback(true);
    const { serving, url, prefix } = await serve({ TEAMS_ALLOW_UNAUTHENTICATED: 'true', TEAMS_EMULATOR_PORTS: String(EMULATOR_PORT) });
    try {
      const p = EMULATOR_PORT;
      const refused = [
        `http://127.0.0.1:${other.port}/`,
        `http://localhost:${other.port}/`,
        `http://127.0.0.1/`,
        `http://127.0.0.1:6379/`,
        `http://0x7f000001:${p}/`,
        `http://2130706433:${p}/`,
        `http://127.1:${p}/`,
        `http://0177.0.0.1:${p}/`,
        `http://[::ffff:127.0.0.1]:${p}/`,
        `http://[0:0:0:0:0:0:0:1]:${p}/`,
        `http://user@127.0.0.1:${p}/`,
        `http://127.0.0.1.nip.io:${p}/`,
        `http://127.0.0.1:${p}@evil.example.com/`,
        'https://smba.trafficmanager.net/amer/',
      ];
      for (const serviceUrl of refused) {
        const res = await post(url, message('/plan 应急管理', { conversationId: `a:trick-${refused.indexOf(serviceUrl)}`, serviceUrl }));
        expect([serviceUrl, res.status]).toEqual([serviceUrl, 403]);
      }
      expect(other.hits()).toBe(0);
      expect(outbound).toEqual([]);
      expect((await keysUnder(prefix)).filter((k) => k.includes('teams-ref'))).toEqual([]);
      // the allowed form is answered
      const before = posted.length;
      expect((await post(url, message('/plan 应急管理', { conversationId: 'a:allowed' }))).status).toBe(200);
      expect(posted.length).toBe(before + 1);
    } finally {
      await serving.close();
      other.server.close();
    }
  });

  it('stores the conversation reference with a TTL that each activity refreshes', async () => {
    const { serving, url, prefix } = await serve({ TEAMS_ALLOW_UNAUTHENTICATED: 'true', TEAMS_EMULATOR_PORTS: String(EMULATOR_PORT), TEAMS_REFERENCE_TTL_SECONDS: '7200' });
    try {
      expect((await post(url, message('/plan 应急管理', { conversationId: 'a:ttl' }))).status).toBe(200);
      const [key] = (await keysUnder(prefix)).filter((k) => k.includes('teams-ref'));
      expect(key).toBeDefined();
      const ttl = await redis.ttl(key!);
      expect(ttl).toBeGreaterThan(7000);
      expect(ttl).toBeLessThanOrEqual(7200);
      await redis.expire(key!, 60);
      expect((await post(url, message('数据治理', { conversationId: 'a:ttl' }))).status).toBe(200);
      expect(await redis.ttl(key!)).toBeGreaterThan(7000);
    } finally {
      await serving.close();
    }
  });
});

describe('Teams bounded', () => {
  it('refuses a deeply nested body under the size limit before parsing it, and a body over the limit', async () => {
    const { serving, url } = await serve({ TEAMS_ALLOW_UNAUTHENTICATED: 'true', TEAMS_EMULATOR_PORTS: String(EMULATOR_PORT) });
    try {
      const deep = `{"type":"message","x":${'['.repeat(5000)}${']'.repeat(5000)}}`;
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: deep });
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: 'too_deeply_nested' });
      // brackets inside strings do not count
      const inString = await post(url, { ...message('/plan 应急管理', { conversationId: 'a:brackets' }), note: '['.repeat(5000) });
      expect(inString.status).toBe(200);
      const big = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...message('x'), pad: 'x'.repeat(200 * 1024) }) });
      expect(big.status).toBe(413);
    } finally {
      await serving.close();
    }
  });
});
