// `plan-bot serve` as a real child process (node bin/plan-bot.js serve) with only the environment a test gives it,
// every stdout and stderr line kept, and its exit timed: for tests of what the process itself does and prints.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { REPO_DIR } from './plan-bot-process.js';

/** How a child ended, and how long after `signalledAt` (when it was signalled) it did. */
export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** ms from the last signal() to the exit (from the start when never signalled) */
  ms: number;
}

export interface PlanBotChild {
  child: ChildProcess;
  /** every line it printed so far, stdout and stderr, in arrival order per stream */
  lines: string[];
  /** the lines that are JSON log records, parsed */
  records(): Record<string, any>[];
  exited: Promise<ChildExit>;
  /** send a signal and note the time, for ChildExit.ms */
  signal(sig: NodeJS.Signals): void;
  /** resolves once a line matches (rejects after ms, or when the child exits first) */
  waitForLine(re: RegExp, ms?: number): Promise<string>;
  /** SIGKILL it if it is still running (for finally blocks) */
  kill(): void;
}

/** Start bin/plan-bot.js as a program (its first line then picks node and its settings), as it is deployed. */
export const AS_A_PROGRAM = 'as a program';

/**
 * Run `node [NODE_ARGS…] bin/plan-bot.js ARGS…` with exactly this environment (plus PATH), keeping every line it
 * prints. nodeArgs are node's own options (e.g. --import of a test preload), or AS_A_PROGRAM to run the file itself.
 */
export function startPlanBotChild(args: string[], env: Record<string, string>, nodeArgs: string[] | typeof AS_A_PROGRAM = []): PlanBotChild {
  const childEnv = { PATH: process.env.PATH ?? '', ...env };
  const options = { cwd: REPO_DIR, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] as ['ignore', 'pipe', 'pipe'] };
  const child = nodeArgs === AS_A_PROGRAM ? spawn(join(REPO_DIR, 'bin', 'plan-bot.js'), args, options) : spawn(process.execPath, [...nodeArgs, 'bin/plan-bot.js', ...args], options);
  const lines: string[] = [];
  const waiters = new Set<() => void>();
  const take = (stream: NodeJS.ReadableStream) => {
    let rest = '';
    stream.setEncoding('utf8');
    stream.on('data', (s: string) => {
      const parts = (rest + s).split('\n');
      rest = parts.pop()!;
      lines.push(...parts);
      for (const w of waiters) w();
    });
    stream.on('end', () => {
      if (rest) lines.push(rest);
      rest = '';
    });
  };
  take(child.stdout!);
  take(child.stderr!);
  let signalledAt = Date.now();
  let done = false;
  const exited = new Promise<ChildExit>((resolve) => {
    child.on('close', (code, signal) => {
      done = true;
      for (const w of waiters) w();
      resolve({ code, signal, ms: Date.now() - signalledAt });
    });
  });
  return {
    child,
    lines,
    records: () =>
      lines.flatMap((l) => {
        if (!l.startsWith('{')) return [];
        try {
          return [JSON.parse(l) as Record<string, any>];
        } catch (err) {
          if (err instanceof SyntaxError) return [];
          throw err;
        }
      }),
    exited,
    signal: (sig) => {
      signalledAt = Date.now();
      child.kill(sig);
    },
    waitForLine: (re, ms = 20_000) =>
      new Promise<string>((resolve, reject) => {
        const check = () => {
          const hit = lines.find((l) => re.test(l));
          if (hit !== undefined) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(hit);
          } else if (done) {
            waiters.delete(check);
            clearTimeout(timer);
            reject(new Error(`plan-bot exited before printing ${re}; it printed:\n${lines.join('\n').slice(-3000)}`));
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no line matching ${re} within ${ms} ms; it printed:\n${lines.join('\n').slice(-3000)}`));
        }, ms);
        waiters.add(check);
        check();
      }),
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

/** Start `plan-bot serve` and wait until it serves; resolves with the child and its base URL. */
export async function startServeChild(env: Record<string, string>, startMs = 30_000, nodeArgs: string[] | typeof AS_A_PROGRAM = []): Promise<PlanBotChild & { port: number; base: string }> {
  const c = startPlanBotChild(['serve'], { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env }, nodeArgs);
  try {
    const line = await c.waitForLine(/"msg":"plan-bot serving"/, startMs);
    const port = Number(/"port":(\d+)/.exec(line)![1]);
    return { ...c, port, base: `http://127.0.0.1:${port}` };
  } catch (err) {
    c.kill();
    throw err;
  }
}
