import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));

/** A running `plan-bot chat` child process that is sent one line and answers one line. */
export interface ChatProcess {
  child: ChildProcessWithoutNullStreams;
  /** send a line, wait for the next output line (parsed as JSON) */
  ask(line: string | object): Promise<any>;
  /** close stdin and wait for the exit code */
  end(): Promise<number | null>;
  stderr(): string;
}

/** Start `node bin/plan-bot.js chat --json …` as a real child process. */
export function startChat(args: string[], env: Record<string, string> = {}): ChatProcess {
  const child = spawn(process.execPath, ['bin/plan-bot.js', 'chat', '--json', ...args], {
    cwd: REPO,
    env: { ...process.env, ...env },
  });
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const lines = createInterface({ input: child.stdout });
  const waiting: ((line: string) => void)[] = [];
  const buffered: string[] = [];
  lines.on('line', (line) => {
    const w = waiting.shift();
    if (w) w(line);
    else buffered.push(line);
  });
  const next = () =>
    new Promise<string>((resolve, reject) => {
      const b = buffered.shift();
      if (b !== undefined) return resolve(b);
      const timer = setTimeout(() => reject(new Error(`no answer within 15 s; stderr: ${err}`)), 15_000);
      waiting.push((line) => {
        clearTimeout(timer);
        resolve(line);
      });
    });
  return {
    child,
    async ask(line) {
      child.stdin.write((typeof line === 'string' ? line : JSON.stringify(line)) + '\n');
      return JSON.parse(await next());
    },
    end: () =>
      new Promise((resolve) => {
        child.once('exit', (code) => resolve(code));
        child.stdin.end();
      }),
    stderr: () => err,
  };
}
