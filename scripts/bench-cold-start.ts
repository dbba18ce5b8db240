// Cold start and peak RSS of `plan-bot ask "/plan 应急管理"` (the built bin, as `npx plan-bot` runs it), beside
// `node -e 0` (Node's own start) and a bare Bolt app's start (scripts/bench/bolt-start.mjs), all in one run:
// each is a fresh child process, started in turn (A B C, A B C, …) so that machine noise falls on all alike, after
// one untimed warm-up each (the file cache). Wall time runs from spawn to the first answer on stdout (Bolt: its
// "listening" line; node -e 0: exit). Peak RSS is the child's own peak (VmHWM), written at exit by scripts/bench/peak-rss.mjs.
// Part of `npm run bench`; alone: `npx tsx scripts/bench-cold-start.ts [RUNS]` (after `npm run build`).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PEAK_RSS_HOOK = pathToFileURL(join(ROOT, 'scripts', 'bench', 'peak-rss.mjs')).href;

/** One process the bench starts: its arguments (to node, or to a program), and what on stdout counts as ready (none: exit). */
interface Subject {
  name: string;
  /** a file run as a program (its #! line picks node and its flags); without it, node runs args */
  program?: string;
  args: string[];
  ready?: RegExp;
}

/** What one subject measured: medians over the timed runs. */
export interface ColdStart {
  name: string;
  runs: number;
  /** spawn → first answer (ready line), median ms */
  readyMs: number;
  /** spawn → exit, median ms */
  exitMs: number;
  /** peak RSS, median MB */
  peakRssMb: number;
}

const SUBJECTS: Subject[] = [
  { name: 'node -e 0', args: ['-e', '0'] },
  { name: 'bare Bolt app start', args: [join(ROOT, 'scripts', 'bench', 'bolt-start.mjs')], ready: /^listening \d+/m },
  // run as a program, as `npx plan-bot ask` runs it: its first line picks node and its memory settings
  { name: 'plan-bot ask "/plan 应急管理"', program: join(ROOT, 'bin', 'plan-bot.js'), args: ['ask', '/plan 应急管理'], ready: /\S/ },
];

/** The child's environment: the parent's, without what would take plan-bot off its defaults (Redis, content). */
function childEnv(rssFile: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: `--import=${PEAK_RSS_HOOK}`, PEAK_RSS_FILE: rssFile };
  for (const name of ['REDIS_URL', 'CONTENT_DIR', 'REDIS_PREFIX', 'LOG_LEVEL', 'CLI_LOG_LEVEL']) delete env[name];
  return env;
}

/** Start one subject and time it: ms to ready and to exit, and its peak RSS in MB. */
function runOnce(subject: Subject, rssFile: string): Promise<{ readyMs: number; exitMs: number; peakRssMb: number }> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    let readyMs: number | undefined;
    let out = '';
    let err = '';
    const child = spawn(subject.program ?? process.execPath, subject.args, { cwd: ROOT, env: childEnv(rssFile), stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString('utf8');
      if (readyMs === undefined && subject.ready?.test(out)) readyMs = performance.now() - start;
    });
    child.stderr.on('data', (b: Buffer) => (err += b.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      const exitMs = performance.now() - start;
      if (code !== 0) return reject(new Error(`${subject.name} exited ${code}: ${err.slice(0, 1000)}`));
      if (subject.ready && readyMs === undefined) return reject(new Error(`${subject.name} never printed its ready line; stdout: ${out.slice(0, 300)}`));
      resolve({ readyMs: readyMs ?? exitMs, exitMs, peakRssMb: Number(readFileSync(rssFile, 'utf8')) / 1024 });
    });
  });
}

/** `s` padded to `width` terminal columns (CJK characters take two). */
const pad = (s: string, width: number) => s + ' '.repeat(Math.max(0, width - [...s].reduce((w, ch) => w + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0)));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Measure every subject `runs` times, interleaved, after one warm-up run each. */
export async function measureColdStarts(runs = 5): Promise<ColdStart[]> {
  const dir = mkdtempSync(join(tmpdir(), 'plan-bot-cold-start-'));
  try {
    const samples = SUBJECTS.map(() => [] as { readyMs: number; exitMs: number; peakRssMb: number }[]);
    for (let round = -1; round < runs; round++) {
      for (const [i, subject] of SUBJECTS.entries()) {
        const r = await runOnce(subject, join(dir, `rss-${i}.txt`));
        if (round >= 0) samples[i]!.push(r);
      }
    }
    return SUBJECTS.map((s, i) => ({
      name: s.name,
      runs,
      readyMs: median(samples[i]!.map((x) => x.readyMs)),
      exitMs: median(samples[i]!.map((x) => x.exitMs)),
      peakRssMb: median(samples[i]!.map((x) => x.peakRssMb)),
    }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The table `npm run bench` prints: medians, and plan-bot's figures as multiples of the references. */
export function coldStartTable(rows: ColdStart[]): string {
  const ours = rows[rows.length - 1]!;
  const lines = [
    `cold start, fresh processes (median of ${ours.runs}, interleaved; wall time from spawn):`,
    `${pad('process', 36)} ${'to first answer'.padStart(16)} ${'to exit'.padStart(9)} ${'peak RSS'.padStart(9)}`,
    ...rows.map((r) => `${pad(r.name, 36)} ${`${r.readyMs.toFixed(0)} ms`.padStart(16)} ${`${r.exitMs.toFixed(0)} ms`.padStart(9)} ${`${r.peakRssMb.toFixed(0)} MB`.padStart(9)}`),
  ];
  for (const ref of rows.slice(0, -1)) {
    lines.push(`plan-bot ask / ${ref.name}: ${(ours.readyMs / ref.readyMs).toFixed(1)}× the time, ${(ours.peakRssMb / ref.peakRssMb).toFixed(1)}× the peak RSS`);
  }
  lines.push(`bars (issue 12): ≤ 600 ms ${ours.readyMs <= 600 ? 'met' : 'MISSED'}, ≤ 150 MB ${ours.peakRssMb <= 150 ? 'met' : 'MISSED'}`);
  return lines.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const runs = Number(process.argv[2] ?? 5);
  console.log(coldStartTable(await measureColdStarts(runs)));
}
