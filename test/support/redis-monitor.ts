// Redis's MONITOR feed read over a plain socket: every command Redis runs, with its arguments. ioredis's own
// monitor() trips over a busy server ("Command queue state error" when other test files' commands stream in while
// its connection is still being set up), so the tests that count commands read the feed themselves.
import { connect, type Socket } from 'node:net';

/** Unquote one argument as MONITOR prints it (sdscatrepr: \" \\ \n \r \t \a \b and \xHH escapes). */
function unquote(s: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c !== '\\') {
      bytes.push(...Buffer.from(c, 'utf8'));
      continue;
    }
    const n = s[++i]!;
    if (n === 'x') {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(({ n: 10, r: 13, t: 9, a: 7, b: 8 } as Record<string, number>)[n] ?? n.charCodeAt(0));
  }
  return Buffer.from(bytes).toString('utf8');
}

/** The arguments of one MONITOR line (`+1700000000.1 [0 127.0.0.1:5000] "get" "k"`), or undefined for other lines. */
export function parseMonitorLine(line: string): string[] | undefined {
  const m = /^\+\d+\.\d+ \[[^\]]*\] (.*)$/.exec(line);
  if (!m) return undefined;
  return [...m[1]!.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((a) => unquote(a[1]!));
}

export interface Monitor {
  /** wait until the feed has shown a command holding this argument (so everything sent before it has been seen) */
  seen(arg: string, timeoutMs?: number): Promise<void>;
  close(): void;
}

/** Start MONITOR on its own connection; `onCommand` gets each command's arguments, in the order Redis ran them. */
export async function startMonitor(url: string, onCommand: (args: string[]) => void): Promise<Monitor> {
  const u = new URL(url);
  const socket: Socket = connect(Number(u.port || 6379), u.hostname.replace(/^\[|\]$/g, ''));
  const waiters: { arg: string; resolve: () => void; reject: (err: Error) => void }[] = [];
  let buffered = '';
  let ok: () => void;
  const started = new Promise<void>((resolve) => (ok = resolve));
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    buffered += chunk;
    let nl: number;
    while ((nl = buffered.indexOf('\r\n')) >= 0) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 2);
      if (line === '+OK') ok();
      const args = parseMonitorLine(line);
      if (!args) continue;
      onCommand(args);
      for (let i = waiters.length - 1; i >= 0; i--) {
        if (args.includes(waiters[i]!.arg)) waiters.splice(i, 1)[0]!.resolve();
      }
    }
  });
  let failure: Error | undefined;
  socket.on('error', (err) => {
    failure = err;
    for (const w of waiters.splice(0)) w.reject(err);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  socket.write('MONITOR\r\n');
  await started;
  return {
    seen: (arg, timeoutMs = 5000) =>
      new Promise<void>((resolve, reject) => {
        if (failure) return reject(failure);
        const timer = setTimeout(() => reject(new Error(`MONITOR did not show ${arg} within ${timeoutMs} ms`)), timeoutMs);
        waiters.push({ arg, resolve: () => (clearTimeout(timer), resolve()), reject: (err) => (clearTimeout(timer), reject(err)) });
      }),
    close: () => socket.destroy(),
  };
}
