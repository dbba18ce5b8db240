// A real `plan-bot serve` child process with Slack and (unauthenticated, local-testing) Teams on, under the load
// issue 11 found: 60 concurrent 520 KB deeply nested bodies to /api/messages. Every one is refused, the child's
// peak RSS stays under 300 MB and grows by under 60 MB under that load (VmRSS sampled every 5 ms), and a signed Slack /plan sent meanwhile is answered in under 1 s.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import { describe, expect, inject, it } from 'vitest';
import { REPO_DIR } from '../support/plan-bot-process.js';
import { sendSlashCommand, TEST_SIGNING_SECRET } from '../support/slack-sign.js';

const BODY_BYTES = 520 * 1024;
/** `[[[[…]]]]` 520 KB deep: what drove RSS to 1.6 GB when parsed whole. */
const nested = Buffer.from('['.repeat(BODY_BYTES / 2) + ']'.repeat(BODY_BYTES / 2));

function waitFor(cond: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const tick = () => (cond() ? resolve() : Date.now() > deadline ? reject(new Error(`timed out waiting for ${what}`)) : setTimeout(tick, 20));
    tick();
  });
}

/** A process's resident set in MB, now (VmRSS) or its high-water mark since start (VmHWM), from /proc/PID/status. */
function rssMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const kb = Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]);
  return kb / 1024;
}

/** POST one hostile body; half declare their length, half stream it chunked. Resolves to the status, or 'closed'. */
async function hostile(url: string, i: number): Promise<number | 'closed'> {
  const chunked = i % 2 === 1;
  const body = chunked
    ? new ReadableStream<Uint8Array>({
        start(c) {
          for (let off = 0; off < nested.length; off += 16 * 1024) c.enqueue(nested.subarray(off, off + 16 * 1024));
          c.close();
        },
      })
    : nested;
  try {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, ...(chunked ? { duplex: 'half' } : {}) } as RequestInit);
    await res.arrayBuffer();
    return res.status;
  } catch (err) {
    // the server answered and closed the connection while the body was still being sent
    if (err instanceof TypeError) return 'closed';
    throw err;
  }
}

/** Start `plan-bot serve` as a child with Slack and unauthenticated Teams on; resolves once it serves. */
async function startChild(extra: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['bin/plan-bot.js', 'serve'], {
    cwd: REPO_DIR,
    env: {
      PATH: process.env.PATH,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      DIGEST_ENABLED: 'false',
      REDIS_URL: inject('redisUrl'),
      REDIS_PREFIX: `plan-bot-test:hostile:${process.pid}:${Math.random()}:`,
      SLACK_BOT_TOKEN: 'xoxb-hostile-test',
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_API_URL: 'http://127.0.0.1:9/api/',
      SLACK_BOT_USER_ID: 'U0PLANBOT',
      SLACK_BOT_ID: 'B0PLANBOT',
      TEAMS_ALLOW_UNAUTHENTICATED: 'true',
      ...extra,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out = { stderr: '' };
  child.stderr.on('data', (b: Buffer) => (out.stderr += b.toString('utf8')));
  await waitFor(() => /"msg":"plan-bot serving"/.test(out.stderr), 20_000, 'plan-bot serve to start');
  const port = Number(/"port":(\d+)/.exec(out.stderr.split('\n').find((l) => l.includes('"plan-bot serving"'))!)![1]);
  return { child, out, base: `http://127.0.0.1:${port}`, port };
}

describe('plan-bot serve bounds slow clients and slow serviceUrls', () => {
  it('closes a body that never finishes within 15 s, and answers others meanwhile', async () => {
    const { child, port, base } = await startChild();
    try {
      const t0 = Date.now();
      const closed = new Promise<number>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => socket.write(`POST /api/messages HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{"type":"mess`));
        socket.on('data', () => undefined);
        socket.on('error', () => undefined);
        socket.on('close', () => resolve(Date.now() - t0));
        setTimeout(() => reject(new Error('the socket was still open after 20 s')), 20_000).unref();
      });
      const t1 = performance.now();
      expect((await sendSlashCommand(base, { text: '应急管理' })).status).toBe(200);
      expect(performance.now() - t1).toBeLessThan(1000);
      expect(await closed).toBeLessThan(15_000);
    } finally {
      child.kill('SIGKILL');
    }
  }, 40_000);

  it('a serviceUrl that never answers releases the Teams request within TEAMS_SEND_TIMEOUT_MS', async () => {
    let hits = 0;
    const hang: Server = createServer((req) => {
      hits += 1;
      req.resume();
    });
    await new Promise<void>((r) => hang.listen(0, '127.0.0.1', () => r()));
    const hangPort = (hang.address() as { port: number }).port;
    const { child, base } = await startChild({ TEAMS_EMULATOR_PORTS: String(hangPort), TEAMS_SEND_TIMEOUT_MS: '1500' });
    try {
      const activity = {
        type: 'message', id: '1700000000999', channelId: 'msteams', serviceUrl: `http://127.0.0.1:${hangPort}/`, text: '/plan 应急管理',
        from: { id: '29:user-1' }, conversation: { id: 'a:hang', conversationType: 'personal', tenantId: 'T1' }, recipient: { id: '28:bot' }, channelData: { tenant: { id: 'T1' } },
      };
      const t0 = performance.now();
      const res = await fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
      const ms = performance.now() - t0;
      expect(hits).toBeGreaterThanOrEqual(1);
      expect(res.status).toBe(500);
      expect(ms).toBeLessThan(3000);
      console.log(`hanging serviceUrl released after ${ms.toFixed(0)} ms (timeout 1500 ms)`);
    } finally {
      child.kill('SIGKILL');
      hang.closeAllConnections();
      hang.close();
    }
  }, 40_000);
});

describe('plan-bot serve under hostile Teams bodies', () => {
  it('refuses 60 concurrent 520 KB nested bodies, keeps its memory, and still answers Slack /plan in under 1 s', async () => {
    const child = spawn(process.execPath, ['bin/plan-bot.js', 'serve'], {
      cwd: REPO_DIR,
      env: {
        PATH: process.env.PATH,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        DIGEST_ENABLED: 'false',
        REDIS_URL: inject('redisUrl'),
        REDIS_PREFIX: `plan-bot-test:hostile:${process.pid}:`,
        SLACK_BOT_TOKEN: 'xoxb-hostile-test',
        SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
        SLACK_API_URL: 'http://127.0.0.1:9/api/',
        SLACK_BOT_USER_ID: 'U0PLANBOT',
        SLACK_BOT_ID: 'B0PLANBOT',
        TEAMS_ALLOW_UNAUTHENTICATED: 'true',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString('utf8')));
    try {
      await waitFor(() => /"msg":"plan-bot serving"/.test(stderr), 20_000, 'plan-bot serve to start');
      const port = Number(/"msg":"plan-bot serving"[^\n]*|"port":(\d+)[^\n]*"msg":"plan-bot serving"/.exec(stderr) && /"port":(\d+)/.exec(stderr.split('\n').find((l) => l.includes('"plan-bot serving"'))!)![1]);
      const base = `http://127.0.0.1:${port}`;
      expect(stderr).toContain('teams: on, UNAUTHENTICATED');
      // warm the answer path once, as a running bot would be
      expect((await sendSlashCommand(base, { text: '数据治理' })).status).toBe(200);
      const before = rssMb(child.pid!, 'VmRSS');
      // start-up (content, dictionaries, the TypeScript loader) has its own high-water mark; the load's peak is sampled
      const startupHwm = rssMb(child.pid!, 'VmHWM');
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, rssMb(child.pid!, 'VmRSS'))), 5);

      const flood = Array.from({ length: 60 }, (_, i) => hostile(`${base}/api/messages`, i));
      await new Promise((r) => setTimeout(r, 50));
      const t0 = performance.now();
      const slack = await sendSlashCommand(base, { text: '应急管理' });
      const slackMs = performance.now() - t0;
      const answer = JSON.stringify(await slack.json());
      const outcomes = await Promise.all(flood);
      clearInterval(sampler);
      peak = Math.max(peak, rssMb(child.pid!, 'VmRSS'));

      console.log(`hostile load: slack /plan ${slackMs.toFixed(0)} ms, RSS ${before.toFixed(0)} MB before, peak ${peak.toFixed(0)} MB under load (start-up high-water mark ${startupHwm.toFixed(0)} MB), outcomes ${JSON.stringify(outcomes.reduce<Record<string, number>>((m, o) => ((m[String(o)] = (m[String(o)] ?? 0) + 1), m), {}))}`);
      expect(slack.status).toBe(200);
      expect(answer).toContain('专栏14');
      expect(slackMs).toBeLessThan(1000);
      for (const o of outcomes) expect(o === 'closed' || o === 413 || o === 400).toBe(true);
      // most get the clean 413 (their content-length is refused before a byte is read); on a loaded machine some of
      // the 60 are reset before their answer is read, which is still a refusal
      expect(outcomes.filter((o) => o === 413).length).toBeGreaterThanOrEqual(20);
      // the whole process stays under 300 MB at its peak, and the load's own share is small
      expect(peak).toBeLessThan(300);
      expect(peak - before).toBeLessThan(60);
    } finally {
      child.kill('SIGKILL');
    }
  }, 60_000);
});
