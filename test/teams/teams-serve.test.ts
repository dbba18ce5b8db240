// Teams mounted in plan-bot serve: /api/messages on the one HTTP server, and what start-up says.
import '../support/node20-nock.js';
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import nock from 'nock';
import { describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../app/config.js';
import { createLogger } from '../../src/logger.js';
import { startServe, type Serving } from '../../app/serve.js';
import { knowledge } from '../support/knowledge.js';
import { APP_ID, APP_PASSWORD } from './bot-framework-auth.js';
import { EMULATOR_PORT, cards, message, texts, useConnector } from './teams-harness.js';

/** Unauthenticated local testing, asked for explicitly. */
const LOCAL = { TEAMS_ALLOW_UNAUTHENTICATED: 'true', TEAMS_EMULATOR_PORTS: String(EMULATOR_PORT) };

async function serve(env: Record<string, string>): Promise<{ serving: Serving; logs: string[]; url: string }> {
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const config = loadConfig({ PORT: '0', REDIS_URL: inject('redisUrl'), REDIS_PREFIX: `test-teams-serve-${randomUUID()}:`, DIGEST_ENABLED: 'false', ...env });
  const serving = await startServe({ config, knowledge: knowledge(), logger: createLogger('info', sink), host: '127.0.0.1' });
  return { serving, logs, url: `http://127.0.0.1:${serving.port}/api/messages` };
}

const post = (url: string, activity: object) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });


const connector = useConnector();

describe('plan-bot serve with Teams', () => {
  it('with TEAMS_ALLOW_UNAUTHENTICATED=true: says plainly that Teams is unauthenticated, and answers at /api/messages', async () => {
    const { serving, logs, url } = await serve(LOCAL);
    try {
      const warning = logs.map((l) => JSON.parse(l)).find((l) => l.platform === 'teams');
      expect(warning.level).toBe(40);
      expect(warning.msg).toMatch(/^teams: on, UNAUTHENTICATED \(TEAMS_ALLOW_UNAUTHENTICATED=true, no MICROSOFT_APP_ID\)/);
      const res = await post(url, message('/plan 应急管理', { conversationId: 'a:serve-1' }));
      expect(res.status).toBe(200);
      expect(connector().length).toBe(1);
      expect(texts(cards(connector())[0]!)[0]).toMatch(/^应急管理 · /);
    } finally {
      await serving.close();
    }
  });

  it('with TEAMS_ALLOW_UNAUTHENTICATED=true: will not post an answer to a serviceUrl outside this machine', async () => {
    const elsewhere = nock('https://internal.example.com').post(/.*/).reply(200, {});
    const { serving, url } = await serve(LOCAL);
    try {
      const res = await post(url, message('/plan 应急管理', { serviceUrl: 'https://internal.example.com/admin/' }));
      expect(res.status).toBe(403);
      expect(elsewhere.isDone()).toBe(false);
      expect(connector().length).toBe(0);
    } finally {
      await serving.close();
    }
  });

  it('with an app id: requires tokens, says so, and never logs the password', async () => {
    const { serving, logs, url } = await serve({ MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: APP_PASSWORD });
    try {
      const line = logs.map((l) => JSON.parse(l)).find((l) => l.platform === 'teams');
      expect(line.msg).toBe('teams: on, HTTP endpoint; every request must carry a valid Bot Framework token');
      const res = await post(url, message('/plan 应急管理'));
      expect(res.status).toBe(401);
      expect(connector().length).toBe(0);
      expect(logs.join('\n')).not.toContain(APP_PASSWORD);
    } finally {
      await serving.close();
    }
  });
});
