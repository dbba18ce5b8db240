// npm run bench:slack : signed /plan throughput and latency of `plan-bot serve` (with Redis) against a bare Bolt app
// that only acks, in the same run, on loopback. Both run as child processes; autocannon drives them from here.
// Fails (exit 1) when ours serves less than 0.8× the bare app's requests per second.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { redisAnswers, startRedisServer } from '../test/support/local-redis.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
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
function startChild(args: string[], env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
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

function slashBody(text: string, user: string): string {
  return new URLSearchParams({ team_id: 'T0BENCH', channel_id: 'C0BENCH', user_id: user, command: '/plan', text, response_url: 'https://hooks.slack.com/commands/T0BENCH/1/x', trigger_id: '1.1' }).toString();
}

/** Pre-signed /plan requests over several topics and users (signed now: valid for the 5-minute window). */
function signedRequests(): Array<{ method: 'POST'; path: string; headers: Record<string, string>; body: string }> {
  const ts = String(Math.floor(Date.now() / 1000));
  return TOPICS.flatMap((topic, i) =>
    [0, 1, 2, 3].map((u) => {
      const body = slashBody(topic, `U0BENCH${i}${u}`);
      const sig = 'v0=' + createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex');
      return { method: 'POST' as const, path: '/slack/events', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': ts, 'x-slack-signature': sig }, body };
    }),
  );
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

async function load(server: { port: number; child: ChildProcess }, seconds: number): Promise<Figures> {
  const requests = signedRequests();
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
const ours = await startChild(['bin/plan-bot.js', 'serve'], {
  ...env,
  PORT: '0',
  LOG_LEVEL: 'info',
  REDIS_URL: redisUrl,
  REDIS_PREFIX: `plan-bot-bench:${process.pid}:`,
  SLACK_BOT_TOKEN: 'xoxb-bench',
  SLACK_SIGNING_SECRET: SECRET,
  SLACK_API_URL: 'http://127.0.0.1:9/api/',
  SLACK_BOT_USER_ID: 'U0BENCH',
  SLACK_BOT_ID: 'B0BENCH',
});
// the same server with the answer cache off: every /plan is parsed, ranked and rendered (informational)
const uncached = await startChild(['bin/plan-bot.js', 'serve'], {
  ...env,
  PORT: '0',
  LOG_LEVEL: 'info',
  REDIS_URL: redisUrl,
  REDIS_PREFIX: `plan-bot-bench-nocache:${process.pid}:`,
  ANSWER_CACHE_SIZE: '0',
  SLACK_BOT_TOKEN: 'xoxb-bench',
  SLACK_SIGNING_SECRET: SECRET,
  SLACK_API_URL: 'http://127.0.0.1:9/api/',
  SLACK_BOT_USER_ID: 'U0BENCH',
  SLACK_BOT_ID: 'B0BENCH',
});
const bare = await startChild(['--import', 'tsx', 'scripts/bench-slack-bare-app.ts', SECRET], env);
try {
  await checkAnswer(ours.port);
  const latency = await ackLatency(ours.port);
  await load(bare, WARMUP);
  await load(ours, WARMUP);
  await load(uncached, WARMUP);
  // alternate the two for ROUNDS rounds so that a burst of other load on the machine hits both alike
  const bareRuns: Figures[] = [];
  const ourRuns: Figures[] = [];
  const uncachedRuns: Figures[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    bareRuns.push(await load(bare, SECONDS));
    ourRuns.push(await load(ours, SECONDS));
    uncachedRuns.push(await load(uncached, SECONDS));
  }
  const bareFigures = median(bareRuns);
  const ourFigures = median(ourRuns);
  // each round's two runs are back to back, so their ratio is the least disturbed by other load on the machine
  const ratios = ourRuns.map((f, i) => f.rps / bareRuns[i]!.rps);
  const ratio = [...ratios].sort((a, b) => a - b)[Math.floor(ratios.length / 2)]!;
  const row = (name: string, f: Figures) => `${name.padEnd(38)} ${f.rps.toFixed(0).padStart(6)} req/s   p50 ${String(f.p50).padStart(3)} ms   p99 ${String(f.p99).padStart(3)} ms   non-2xx ${f.non2xx}   errors ${f.errors}`;
  console.log(`signed /plan over loopback: ${CONNECTIONS} connections, ${ROUNDS} alternating rounds of ${SECONDS} s each (after ${WARMUP} s warm-up); median runs`);
  console.log(row('bare Bolt app (ack only)', bareFigures));
  console.log(row('plan-bot serve (answer in ack, Redis)', ourFigures));
  console.log(row('plan-bot serve, answer cache off', median(uncachedRuns)));
  console.log(`rounds, req/s: bare ${bareRuns.map((f) => f.rps.toFixed(0)).join(' / ')}; ours ${ourRuns.map((f) => f.rps.toFixed(0)).join(' / ')}`);
  console.log(`ratio ours / bare per round: ${ratios.map((r) => r.toFixed(2)).join(' / ')}`);
  console.log(`ratio ours / bare (median of rounds): ${ratio.toFixed(2)}× (must be ≥ 0.80) ${ratio >= 0.8 ? 'PASS' : 'FAIL'}`);
  const uncachedRatios = uncachedRuns.map((f, i) => f.rps / bareRuns[i]!.rps).sort((a, b) => a - b);
  console.log(`ratio with the answer cache off / bare (median of rounds, informational): ${uncachedRatios[Math.floor(uncachedRatios.length / 2)]!.toFixed(2)}×`);
  const cpu = (runs: Figures[], field: 'cpuUs' | 'redisUs' = 'cpuUs') => {
    const xs = runs.flatMap((f) => (f[field] !== undefined ? [f[field]] : [])).sort((a, b) => a - b);
    return xs.length ? xs[Math.floor(xs.length / 2)]! : undefined;
  };
  const [bareCpu, ourCpu] = [cpu(bareRuns), cpu(ourRuns)];
  if (bareCpu !== undefined && ourCpu !== undefined) console.log(`server CPU per /plan (median of rounds, informational): bare ${bareCpu.toFixed(0)} µs, ours ${ourCpu.toFixed(0)} µs, answer cache off ${cpu(uncachedRuns)?.toFixed(0)} µs; bare / ours ${(bareCpu / ourCpu).toFixed(2)}×`);
  const redisCpu = cpu(ourRuns, 'redisUs');
  if (redisCpu !== undefined) console.log(`redis-server CPU per /plan (median of rounds, informational): ours ${redisCpu.toFixed(0)} µs, answer cache off ${cpu(uncachedRuns, 'redisUs')?.toFixed(0)} µs (it shares the same cores)`);
  console.log(`single /plan ack latency, ${latency.n} sequential requests: mean ${latency.mean.toFixed(1)} ms, max ${latency.max.toFixed(1)} ms`);
  const clean = [...bareRuns, ...ourRuns].every((f) => f.non2xx === 0 && f.errors === 0);
  process.exitCode = ratio >= 0.8 && clean ? 0 : 1;
} finally {
  await Promise.all([stopChild(ours.child), stopChild(uncached.child), stopChild(bare.child), stopChild(redisChild)]);
}
