import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository root: the working directory of every plan-bot child process. */
export const REPO_DIR = fileURLToPath(new URL('../..', import.meta.url));

/** What a finished plan-bot process printed and how it exited. */
export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** stdout split into lines, without the empty string after the last newline */
  lines: string[];
}

/** Environment for the child: the parent's, minus settings that would make the CLI leave its embedded defaults. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const name of ['REDIS_URL', 'CONTENT_DIR', 'REDIS_PREFIX', 'PLAN_BOT_CLI_LOG', 'LOG_LEVEL']) if (!(name in extra)) delete env[name];
  return env;
}

/** Run `node bin/plan-bot.js ARGS…` from the repository root as a real child process, feeding `input` on stdin. */
export function runPlanBot(args: string[], input: string | Buffer = '', extraEnv: Record<string, string> = {}, timeoutMs = 15_000): Promise<RunResult> {
  return spawnPlanBot(args, input, extraEnv, timeoutMs).result;
}

/** Start `node bin/plan-bot.js ARGS…` and hand back the child (to signal it) with what it will have printed. */
export function spawnPlanBot(args: string[], input: string | Buffer = '', extraEnv: Record<string, string> = {}, timeoutMs = 15_000): { child: ChildProcess; result: Promise<RunResult> } {
  const child = spawn(process.execPath, ['bin/plan-bot.js', ...args], { cwd: REPO_DIR, env: childEnv(extraEnv), stdio: ['pipe', 'pipe', 'pipe'] });
  const result = new Promise<RunResult>((resolve, reject) => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`plan-bot ${args.join(' ')} did not finish within ${timeoutMs} ms; stderr: ${Buffer.concat(err).toString('utf8').slice(0, 2000)}`));
    }, timeoutMs);
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const stdout = Buffer.concat(out).toString('utf8');
      const lines = stdout.split('\n');
      if (lines[lines.length - 1] === '') lines.pop();
      resolve({ code, signal, stdout, stderr: Buffer.concat(err).toString('utf8'), lines });
    });
    child.stdin.on('error', (e) => err.push(Buffer.from(`stdin: ${e.message}\n`)));
    child.stdin.end(input);
  });
  return { child, result };
}
