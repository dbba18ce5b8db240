// npm run bench:slack : signed /plan throughput and latency of `plan-bot serve` (Slack, Teams and Redis configured)
// against a bare Bolt app that only acks, in the same run, on loopback, with the answer cache on and off. Two loads:
// repeated topics (8 topics, 32 users) and a mixed one (every distinct question of scripts/eval, 50 channels, 200
// users). All servers run as child processes; autocannon drives them from here. Prints each bar (issue 10: repeated
// ≥ 0.8×; issue 12: mixed ≥ 0.9× with p99 ≤ 1.5×, cache off ≥ 0.7×, serve RSS < 200 MB after the loads) and exits 1
// when one fails. With REDIS_URL it uses that Redis and deletes its keys after; otherwise it starts its own.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { redisAnswers, startRedisServer } from '../test/support/local-redis.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const EVAL_DIR = join(ROOT, 'scripts', 'eval');
const SECRET = 'benchsigningsecret0123456789abcdef';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
/** seconds of warm-up load per server before measuring (JIT, connection pools, caches) */
const WARMUP = Number(process.env.BENCH_WARMUP ?? 2);
const TOPICS = ['应急管理', '数据治理', '养老', '数字乡村', '网络安全', '数字政府', '人工智能', '专栏14'];

/** REDIS_URL when it answers, otherwise a redis-server of our own on a free port. */
async function redis(): Promise<{ url: string; child?: ChildProcess }> {
  if (process.env.REDIS_URL && (await redisAnswers(process.env.REDIS_URL, (m) => console.error(`redis at ${process.env.REDIS_URL}: ${m}`)))) return { url: process.env.REDIS_URL };
  return startRedisServer();
}

/** Start a child and wait for the port it reports (a "listening N" line on stdout, or pino's "port":N on stderr). */
function startChild(args: string[], env: NodeJS.ProcessEnv, command = process.execPath): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const onData = (b: Buffer) => {
      out += b.toString('utf8');
      const m = /listening (\d+)/.exec(out) ?? (/"msg":"plan-bot serving"/.test(out) ? /"port":(\d+)/.exec(out) : null);
      if (m) {
        // from here on the child's log (a line per request) is drained, not kept: keeping and re-scanning it cost this
        // process more CPU than the servers being measured
        child.stdout!.off('data', onData);
        child.stderr!.off('data', onData);
        child.stdout!.resume();
        child.stderr!.resume();
        out = '';
        resolve({ child, port: Number(m[1]) });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}: ${out.slice(-2000)}`)));
  });
}

function slashBody(text: string, user: string, channel: string): string {
  return new URLSearchParams({ team_id: 'T0BENCH', channel_id: channel, user_id: user, command: '/plan', text, response_url: 'https://hooks.slack.com/commands/T0BENCH/1/x', trigger_id: '1.1' }).toString();
}

type SignedRequest = { method: 'POST'; path: string; headers: Record<string, string>; body: string };

function signed(text: string, user: string, channel = 'C0BENCH'): SignedRequest {
  const ts = String(Math.floor(Date.now() / 1000));
  const body = slashBody(text, user, channel);
  const sig = 'v0=' + createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex');
  return { method: 'POST', path: '/slack/events', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': ts, 'x-slack-signature': sig }, body };
}

/** Pre-signed /plan requests over several topics and users (signed now: valid for the 5-minute window). */
function signedRequests(): SignedRequest[] {
  return TOPICS.flatMap((topic, i) => [0, 1, 2, 3].map((u) => signed(topic, `U0BENCH${i}${u}`)));
}

/**
 * The mixed load: every distinct question of the eval files (a few hundred, as people type them: sentences, typos,
 * 繁体, English), from 50 channels and 200 users, in a fixed shuffled order.
 */
function mixedRequests(): SignedRequest[] {
  const questions = new Set<string>();
  for (const f of readdirSync(EVAL_DIR).filter((n) => n.endsWith('.jsonl') && !n.includes('dialogues'))) {
    for (const line of readFileSync(join(EVAL_DIR, f), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const q = (JSON.parse(line) as { q?: unknown }).q;
      if (typeof q === 'string' && q.trim()) questions.add(q.trim());
    }
  }
  const list = [...questions];
  // a fixed shuffle (LCG), so every run and every server gets the same sequence
  let seed = 12345;
  for (let i = list.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const j = seed % (i + 1);
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list.map((q, i) => signed(q, `U0MIX${i % 200}`, `C0MIX${i % 50}`));
}

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  /** the server's CPU time per request, in µs (Linux only): steadier than req/s when other work shares the cores */
  cpuUs?: number;
  /** the bench's own redis-server's CPU time per request, in µs (it shares the same cores) */
  redisUs?: number;
}

/** CPU time (user + system) a process has used so far, in ms, from /proc (Linux; clock ticks of 10 ms). */
function cpuMs(pid: number | undefined): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

async function load(server: { port: number; child: ChildProcess }, seconds: number, requests: SignedRequest[]): Promise<Figures> {
  let n = 0;
  const redisBefore = cpuMs(redisPid);
  const cpuBefore = cpuMs(server.child.pid);
  const r = await autocannon({
    url: `http://127.0.0.1:${server.port}`,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [{ method: 'POST', path: '/slack/events', setupRequest: (req) => ({ ...req, ...requests[n++ % requests.length]! }) }],
  });
  const cpuAfter = cpuMs(server.child.pid);
  const redisAfter = cpuMs(redisPid);
  const perRequest = (before?: number, after?: number) => (before !== undefined && after !== undefined && r.requests.total > 0 ? ((after - before) * 1000) / r.requests.total : undefined);
  const cpuUs = perRequest(cpuBefore, cpuAfter);
  const redisUs = perRequest(redisBefore, redisAfter);
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors + r.timeouts, ...(cpuUs !== undefined ? { cpuUs } : {}), ...(redisUs !== undefined ? { redisUs } : {}) };
}

/** The run with the median throughput (its own latency figures come with it). */
function median(runs: Figures[]): Figures {
  return [...runs].sort((a, b) => a.rps - b.rps)[Math.floor(runs.length / 2)]!;
}

async function checkAnswer(port: number): Promise<void> {
  const [req] = signedRequests();
  const res = await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', headers: req!.headers, body: req!.body });
  const body = await res.text();
  if (res.status !== 200 || !body.includes('应急管理') || !body.includes('"blocks"')) throw new Error(`plan-bot did not answer /plan 应急管理 with blocks: ${res.status} ${body.slice(0, 300)}`);
}

async function ackLatency(port: number, n = 32): Promise<{ n: number; mean: number; max: number }> {
  const times: number[] = [];
  for (const req of signedRequests().slice(0, n)) {
    const t = performance.now();
    const res = await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', headers: req.headers, body: req.body });
    await res.arrayBuffer();
    times.push(performance.now() - t);
  }
  return { n: times.length, mean: times.reduce((a, b) => a + b, 0) / times.length, max: Math.max(...times) };
}

const stopChild = (c?: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (!c || c.exitCode !== null) return resolve();
    c.removeAllListeners('exit');
    c.once('exit', () => resolve());
    c.kill('SIGTERM');
    setTimeout(() => c.kill('SIGKILL'), 5000).unref();
  });

const { url: redisUrl, child: redisChild } = await redis();
/** the redis-server this bench started (undefined with REDIS_URL: its CPU is not ours to read) */
const redisPid = redisChild?.pid;
const env = { PATH: process.env.PATH, NODE_ENV: 'production' };
const PREFIX = `plan-bot-bench:${process.pid}:`;
/** A serve replica as deployed: Slack, Teams (credentials that are never used here) and Redis. */
const serveEnv = (prefix: string, extra: Record<string, string> = {}) => ({
  ...env,
  PORT: '0',
  LOG_LEVEL: 'info',
  REDIS_URL: redisUrl,
  REDIS_PREFIX: `${PREFIX}${prefix}:`,
  SLACK_BOT_TOKEN: 'xoxb-bench',
  SLACK_SIGNING_SECRET: SECRET,
  SLACK_API_URL: 'http://127.0.0.1:9/api/',
  SLACK_BOT_USER_ID: 'U0BENCH',
  SLACK_BOT_ID: 'B0BENCH',
  MICROSOFT_APP_ID: '00000000-0000-4000-8000-00000000bec4',
  MICROSOFT_APP_PASSWORD: 'bench-not-a-real-password',
  // BENCH_SERVE_NODE_OPTIONS: V8 / Node flags for the serve replicas only (e.g. to compare heap settings)
  ...(process.env.BENCH_SERVE_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_SERVE_NODE_OPTIONS } : {}),
  // HEAP_GROWTH_PERCENT: serve's heap policy, passed on to both replicas (e.g. 0 for V8's own rule, to compare)
  ...(process.env.HEAP_GROWTH_PERCENT !== undefined ? { HEAP_GROWTH_PERCENT: process.env.HEAP_GROWTH_PERCENT } : {}),
  ...extra,
});
/**
 * A serve replica started as deployed: bin/plan-bot.js run as a program, so its first line's memory settings apply
 * (app/launch-settings.ts); BENCH_SERVE_PLAIN=1 starts `node bin/plan-bot.js serve` instead, without them, to compare.
 */
const startServe = (env: NodeJS.ProcessEnv) => (process.env.BENCH_SERVE_PLAIN === '1' ? startChild(['bin/plan-bot.js', 'serve'], env) : startChild(['serve'], env, join(ROOT, 'bin', 'plan-bot.js')));
const ours = await startServe(serveEnv('cached'));
// the same server with the answer cache off: every /plan is parsed, ranked and rendered
const uncached = await startServe(serveEnv('nocache', { ANSWER_CACHE_SIZE: '0' }));
const bare = await startChild(['--import', 'tsx', 'scripts/bench-slack-bare-app.ts', SECRET], env);

/** VmRSS of a child, in MB (Linux). */
function rssMb(pid: number | undefined): number | undefined {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

const medianOf = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const row = (name: string, f: Figures) => `${name.padEnd(38)} ${f.rps.toFixed(0).padStart(6)} req/s   p50 ${String(f.p50).padStart(3)} ms   p99 ${String(f.p99).padStart(3)} ms   non-2xx ${f.non2xx}   errors ${f.errors}`;
const cpu = (runs: Figures[], field: 'cpuUs' | 'redisUs' = 'cpuUs') => {
  const xs = runs.flatMap((f) => (f[field] !== undefined ? [f[field]] : []));
  return xs.length ? medianOf(xs) : undefined;
};
const verdicts: Array<{ bar: string; pass: boolean }> = [];
const judge = (bar: string, pass: boolean) => {
  verdicts.push({ bar, pass });
  return pass ? 'PASS' : 'FAIL';
};

/** One load, bare / cached / uncached alternating for ROUNDS rounds, so that other load on the machine hits all alike. */
async function scenario(name: string, requests: SignedRequest[], bars: { cached: number; uncached?: number; p99?: number }): Promise<void> {
  await load(bare, WARMUP, requests);
  await load(ours, WARMUP, requests);
  await load(uncached, WARMUP, requests);
  const bareRuns: Figures[] = [];
  const ourRuns: Figures[] = [];
  const uncachedRuns: Figures[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    bareRuns.push(await load(bare, SECONDS, requests));
    ourRuns.push(await load(ours, SECONDS, requests));
    uncachedRuns.push(await load(uncached, SECONDS, requests));
  }
  // each round's runs are back to back, so their ratio is the least disturbed by other load on the machine
  const ratio = medianOf(ourRuns.map((f, i) => f.rps / bareRuns[i]!.rps));
  const uncachedRatio = medianOf(uncachedRuns.map((f, i) => f.rps / bareRuns[i]!.rps));
  const p99Ratio = medianOf(ourRuns.map((f, i) => f.p99 / Math.max(1, bareRuns[i]!.p99)));
  console.log(`\n${name}: ${requests.length} distinct signed /plan requests, ${CONNECTIONS} connections, ${ROUNDS} alternating rounds of ${SECONDS} s (after ${WARMUP} s warm-up); median runs`);
  console.log(row('bare Bolt app (ack only)', median(bareRuns)));
  console.log(row('plan-bot serve (answer in ack, Redis)', median(ourRuns)));
  console.log(row('plan-bot serve, answer cache off', median(uncachedRuns)));
  console.log(`rounds, req/s: bare ${bareRuns.map((f) => f.rps.toFixed(0)).join(' / ')}; ours ${ourRuns.map((f) => f.rps.toFixed(0)).join(' / ')}; cache off ${uncachedRuns.map((f) => f.rps.toFixed(0)).join(' / ')}`);
  console.log(`ratio ours / bare (median of rounds): ${ratio.toFixed(2)}× (must be ≥ ${bars.cached.toFixed(2)}) ${judge(`${name}: cached ≥ ${bars.cached}×`, ratio >= bars.cached)}`);
  if (bars.p99 !== undefined) console.log(`p99 ours / bare (median of rounds): ${p99Ratio.toFixed(2)}× (must be ≤ ${bars.p99.toFixed(2)}) ${judge(`${name}: p99 ≤ ${bars.p99}×`, p99Ratio <= bars.p99)}`);
  const offBar = bars.uncached !== undefined ? ` (must be ≥ ${bars.uncached.toFixed(2)}) ${judge(`${name}: cache off ≥ ${bars.uncached}×`, uncachedRatio >= bars.uncached)}` : ' (informational)';
  console.log(`ratio with the answer cache off / bare (median of rounds): ${uncachedRatio.toFixed(2)}×${offBar}`);
  const [bareCpu, ourCpu, offCpu] = [cpu(bareRuns), cpu(ourRuns), cpu(uncachedRuns)];
  if (bareCpu !== undefined && ourCpu !== undefined) console.log(`server CPU per /plan (median of rounds): bare ${bareCpu.toFixed(0)} µs, ours ${ourCpu.toFixed(0)} µs, answer cache off ${offCpu?.toFixed(0)} µs; bare / ours ${(bareCpu / ourCpu).toFixed(2)}×`);
  const redisCpu = cpu(ourRuns, 'redisUs');
  if (redisCpu !== undefined) console.log(`redis-server CPU per /plan (median of rounds): ours ${redisCpu.toFixed(0)} µs, answer cache off ${cpu(uncachedRuns, 'redisUs')?.toFixed(0)} µs (it shares the same cores)`);
  const clean = [...bareRuns, ...ourRuns, ...uncachedRuns].every((f) => f.non2xx === 0 && f.errors === 0);
  judge(`${name}: no errors`, clean);
}

/** Delete every key this bench wrote (only needed on a Redis the user named; our own redis-server goes away). */
async function deleteBenchKeys(): Promise<number> {
  const { Redis } = await import('ioredis');
  const r = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', `${PREFIX}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) deleted += await r.del(...keys);
    } while (cursor !== '0');
  } finally {
    r.disconnect();
  }
  return deleted;
}

try {
  await checkAnswer(ours.port);
  const latency = await ackLatency(ours.port);
  console.log(`single /plan ack latency, ${latency.n} sequential requests: mean ${latency.mean.toFixed(1)} ms, max ${latency.max.toFixed(1)} ms`);
  await scenario('repeated topics (8 topics, 32 users, one channel)', signedRequests(), { cached: 0.8 });
  await scenario('mixed (the eval files\' questions, 50 channels, 200 users)', mixedRequests(), { cached: 0.9, p99: 1.5, uncached: 0.7 });
  const rss = rssMb(ours.child.pid);
  if (rss !== undefined) console.log(`\nplan-bot serve (Slack, Teams, Redis) RSS after the loads: ${rss.toFixed(0)} MB (must be < 200) ${judge('serve RSS < 200 MB', rss < 200)}; answer cache off: ${rssMb(uncached.child.pid)?.toFixed(0)} MB; bare Bolt app: ${rssMb(bare.child.pid)?.toFixed(0)} MB`);
  console.log(`\nbars: ${verdicts.map((v) => `${v.pass ? 'PASS' : 'FAIL'} ${v.bar}`).join('; ')}`);
  process.exitCode = verdicts.every((v) => v.pass) ? 0 : 1;
} finally {
  await Promise.all([stopChild(ours.child), stopChild(uncached.child), stopChild(bare.child)]);
  if (!redisChild) console.log(`deleted ${await deleteBenchKeys()} bench keys from ${redisUrl.replace(/\/\/[^@]*@/, '//')}`);
  await stopChild(redisChild);
}
