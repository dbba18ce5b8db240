// The plan-bot CLI as a real child process (node bin/plan-bot.js, repository as cwd): ask and chat, text and --json,
// bad input that must never crash the process nor cost the next line its answer, and the dev dialogues (scripts/eval/dev-dialogues.jsonl), all
// through one chat process (each process costs ~2 s of start-up).
import { beforeAll, describe, expect, it } from 'vitest';
import { Reply } from '../src/reply/reply.js';
import { DEV2_DIALOGUES_FILE, judgeDialogue, readDialogues } from './support/dialogues.js';
import { runPlanBot, type RunResult } from './support/plan-bot-process.js';

/** An output line of `chat --json`: a Reply or an error object. */
type OutLine = { kind: 'reply'; reply: Reply } | { kind: 'error'; code: string; message: string };

function readLine(line: string): OutLine {
  const value = JSON.parse(line) as unknown;
  const reply = Reply.safeParse(value);
  if (reply.success) return { kind: 'reply', reply: reply.data };
  const err = (value as { error?: { code?: unknown; message?: unknown } }).error;
  if (err && typeof err.code === 'string' && typeof err.message === 'string') return { kind: 'error', code: err.code, message: err.message };
  throw new Error(`output line is neither a Reply nor an error: ${line.slice(0, 300)}`);
}

const replyOf = (o: OutLine): Reply => {
  if (o.kind !== 'reply') throw new Error(`expected a reply, got error ${o.code}: ${o.message}`);
  return o.reply;
};
const errorOf = (o: OutLine): { code: string; message: string } => {
  if (o.kind !== 'error') throw new Error(`expected an error line, got a "${o.reply.intent}" reply`);
  return o;
};

const json = (o: unknown) => JSON.stringify(o);

/** The chat --json input: one entry per line (strings are sent as written). */
const CHAT_LINES: { name: string; line: string | Buffer }[] = [
  { name: 'empty', line: '' },
  { name: 'blank', line: '   \t ' },
  { name: 'ten thousand characters', line: 'a'.repeat(10_000) },
  { name: 'control characters', line: '\u0001\u0002\u0007应急\u001f管理\u007f' },
  { name: 'ANSI escapes', line: '\u001b[31m应急管理\u001b[0m' },
  { name: 'NUL only', line: '\u0000' },
  { name: 'emoji only', line: '😀😀😀' },
  { name: 'json search', line: json({ conversation: 'c1', text: '应急管理' }) },
  { name: 'json missing text', line: json({ conversation: 'c1' }) },
  { name: 'json missing conversation', line: json({ text: '应急管理' }) },
  { name: 'json conversation is a number', line: json({ conversation: 123, text: '应急管理' }) },
  { name: 'json text is a number', line: json({ conversation: 'c1', text: 42 }) },
  { name: 'json text is null', line: json({ conversation: 'c1', text: null }) },
  { name: 'json empty conversation', line: json({ conversation: '', text: 'x' }) },
  { name: 'json more', line: json({ conversation: 'c1', text: '更多' }) },
  { name: 'invalid json', line: '{broken json' },
  { name: 'json empty object', line: '{}' },
  { name: 'json array', line: '[]' },
  { name: 'json null', line: 'null' },
  { name: 'json ten thousand characters', line: json({ conversation: 'c1', text: '数'.repeat(10_000) }) },
  { name: 'json control characters only', line: json({ conversation: 'c3', text: '\u0000\u0001\u001b' }) },
  { name: 'json empty text', line: json({ conversation: 'c3', text: '' }) },
  { name: 'lone carriage return inside a line', line: '应急\r管理' },
  { name: 'json expand 1', line: json({ conversation: 'c1', text: '第1条' }) },
  { name: 'plain search', line: '应急管理' },
  { name: 'json extra field', line: json({ conversation: 'c2', text: '专栏14', extra: true }) },
  { name: 'json thread of wrong type', line: json({ conversation: 'c1', text: '应急管理', thread: 5 }) },
  { name: 'invalid utf-8', line: Buffer.from([0xff, 0xfe, 0x20, 0x61, 0x62]) },
  { name: 'last line without newline', line: '专栏12第3条' },
];

const DIALOGUES = [...readDialogues(), ...readDialogues(DEV2_DIALOGUES_FILE)];

let chatJson: RunResult;
let out: Map<string, OutLine>;
const dialogueReplies = new Map<string, Reply[]>();
let askText: RunResult;
let askJson: RunResult;

beforeAll(async () => {
  // the dialogues first, each in its own conversation, then the bad-input lines (the last of which has no newline)
  const dialogueLines = DIALOGUES.flatMap((d) => d.turns.map((text) => json({ conversation: `dialogue-${d.id}`, text })));
  const parts: Buffer[] = dialogueLines.map((l) => Buffer.from(`${l}\n`, 'utf8'));
  CHAT_LINES.forEach(({ line }, i) => {
    parts.push(Buffer.isBuffer(line) ? line : Buffer.from(line, 'utf8'));
    if (i < CHAT_LINES.length - 1) parts.push(Buffer.from('\n'));
  });
  // the three processes start together: each spends most of its ~2 s loading tsx, jieba and the plan
  // on a loaded 2-core machine the chat process alone can take over 15 s: give each the hook's time, less a margin
  [chatJson, askText, askJson] = await Promise.all([
    runPlanBot(['chat', '--json'], Buffer.concat(parts), {}, 50_000),
    runPlanBot(['ask', '应急管理'], '', {}, 50_000),
    runPlanBot(['ask', '--json', '专栏12第3条'], '', {}, 50_000),
  ]);
  const lines = chatJson.lines.map(readLine);
  let at = 0;
  for (const d of DIALOGUES) dialogueReplies.set(d.id, d.turns.map(() => replyOf(lines[at++]!)));
  out = new Map(lines.slice(at).map((l, i) => [CHAT_LINES[i]?.name ?? `extra line ${i}`, l]));
}, 60_000);

describe('plan-bot ask', () => {
  it('answers in readable text: title, breadcrumb, highlighted terms', () => {
    expect(askText.code).toBe(0);
    expect(askText.stderr).toBe('');
    const lines = askText.stdout.split('\n');
    expect(lines[0]).toMatch(/^应急管理 · 1–3 \/ \d+$/);
    expect(askText.stdout).toContain('四、重大任务和重点工程 › (六)构筑共建共治共享的数字社会治理体系');
    expect(askText.stdout).toContain('【应急管理】');
    expect(askText.stdout).toMatch(/^1\. /m);
    expect(askText.stdout).not.toContain('\u001b[');
  });

  it('--json prints exactly one line: the Reply', () => {
    expect(askJson.code).toBe(0);
    expect(askJson.lines).toHaveLength(1);
    const r = replyOf(readLine(askJson.lines[0]!));
    expect(r.intent).toBe('box');
    expect(r.results.map((x) => x.id)).toEqual(['xinxihua-14th:box12.i3']);
    expect(r.results[0]!.text).toContain('电信网络诈骗');
  });
});

describe('plan-bot chat --json', () => {
  it('answers every input line with exactly one output line, and exits 0', () => {
    expect(chatJson.code).toBe(0);
    expect(chatJson.stderr).toBe('');
    expect(chatJson.lines).toHaveLength(DIALOGUES.reduce((n, d) => n + d.turns.length, 0) + CHAT_LINES.length);
  });

  it('empty, blank, NUL-only and control-only text get the help reply', () => {
    for (const name of ['empty', 'blank', 'NUL only', 'json control characters only', 'json empty text']) {
      expect(replyOf(out.get(name)!).intent, name).toBe('help');
    }
  });

  it('10,000 characters get a clear "too long" reply, plain or in JSON', () => {
    for (const name of ['ten thousand characters', 'json ten thousand characters']) {
      const r = replyOf(out.get(name)!);
      expect(r.intent).toBe('invalid');
      expect(r.results).toEqual([]);
      expect(r.text).toContain('10000');
    }
  });

  it('control characters are dropped and the question is still answered', () => {
    const r = replyOf(out.get('control characters')!);
    expect(r.intent).toBe('search');
    expect(r.results.length).toBeGreaterThan(0);
    expect(`${r.results[0]!.title}${r.results[0]!.text}`).toContain('应急');
  });

  it('ANSI escapes and invalid UTF-8 still get a reply', () => {
    expect(replyOf(out.get('ANSI escapes')!).intent).toBeTruthy();
    expect(replyOf(out.get('invalid utf-8')!).intent).toBeTruthy();
  });

  it('emoji only is an honest no match', () => {
    const r = replyOf(out.get('emoji only')!);
    expect(r.results).toEqual([]);
    expect(r.actions?.every((a) => a.type === 'suggest')).toBe(true);
  });

  it('JSON lines with missing or wrongly typed fields get an INPUT_INVALID error line naming the field', () => {
    const cases: [string, RegExp][] = [
      ['json missing text', /text/],
      ['json missing conversation', /conversation/],
      ['json conversation is a number', /conversation/],
      ['json text is a number', /text/],
      ['json text is null', /text/],
      ['json empty conversation', /conversation/],
      ['json empty object', /conversation/],
      ['json thread of wrong type', /thread/],
    ];
    for (const [name, field] of cases) {
      const e = errorOf(out.get(name)!);
      expect(e.code, name).toBe('INPUT_INVALID');
      expect(e.message, name).toMatch(field);
    }
  });

  it('invalid JSON gets an error line that says so', () => {
    const e = errorOf(out.get('invalid json')!);
    expect(e.code).toBe('INPUT_INVALID');
    expect(e.message).toMatch(/not valid JSON/);
  });

  it('lines that are JSON but not objects are read as plain text', () => {
    expect(replyOf(out.get('json array')!).intent).toBe('search');
    expect(replyOf(out.get('json null')!).intent).toBe('search');
  });

  it('a JSON line goes to its conversation: 更多 and 第1条 follow the search despite the bad lines between', () => {
    const search = replyOf(out.get('json search')!);
    const more = replyOf(out.get('json more')!);
    const first = replyOf(out.get('json expand 1')!);
    expect(search.results.length).toBe(3);
    expect(more.intent).toBe('more');
    expect(more.start).toBe(4);
    expect(more.results.length).toBeGreaterThan(0);
    const shown = new Set(search.results.map((x) => x.id));
    expect(more.results.filter((x) => shown.has(x.id))).toEqual([]);
    expect(first.results.map((x) => x.id)).toEqual([search.results[0]!.id]);
  });

  it('plain lines go to one default conversation and answer like JSON lines', () => {
    const plain = replyOf(out.get('plain search')!);
    expect(plain.results.map((x) => x.id)).toEqual(replyOf(out.get('json search')!).results.map((x) => x.id));
  });

  it('a lone carriage return stays inside its line', () => {
    const r = replyOf(out.get('lone carriage return inside a line')!);
    expect(r.intent).toBe('search');
    expect(r.results.length).toBeGreaterThan(0);
    expect(replyOf(out.get('json expand 1')!).intent).toBe('expand');
  });

  it('unknown fields of a JSON line are ignored', () => {
    expect(replyOf(out.get('json extra field')!).results[0]!.id).toBe('xinxihua-14th:box14');
  });

  it('the last line is answered even without a newline', () => {
    expect(replyOf(out.get('last line without newline')!).results.map((x) => x.id)).toEqual(['xinxihua-14th:box12.i3']);
  });
});

describe('the dev and dev2 dialogues, each in its own conversation of the same chat process', () => {
  it('there are dialogues to run', () => {
    expect(DIALOGUES.length).toBeGreaterThan(0);
  });

  it.each(DIALOGUES.map((d) => [d.id, d.turns.join(' → '), d] as const))('%s: %s', (_id, _turns, d) => {
    expect(judgeDialogue(d, dialogueReplies.get(d.id)!)).toBeUndefined();
  });
});
