import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { composeDigest, previewDigest } from '../../src/digest/compose-digest.js';
import { countdownLines } from '../../src/digest/countdown.js';
import { digestUnits, planUnits, topicPassages } from '../../src/digest/digest-units.js';
import { addDays } from '../../src/digest/local-time.js';
import { loadKnowledge } from '../../src/knowledge.js';
import { Reply } from '../../src/reply/reply.js';
import type { DigestCursor } from '../../src/store/subscription.js';
import { CONTENT_DIR, knowledge } from '../support/knowledge.js';
import { runPlanBot } from '../support/plan-bot-process.js';

const k = knowledge();

describe('digest preview', () => {
  it('repeats no passage of a topic over 7 consecutive dates when the topic has 7 or more', () => {
    for (const topic of ['应急管理', '人工智能', '数字乡村']) {
      expect(topicPassages(k, topic).length).toBeGreaterThanOrEqual(7);
      for (const start of ['2026-12-01', '2025-02-25', '2027-12-29']) {
        const ids = Array.from({ length: 7 }, (_, i) => previewDigest(k, topic, addDays(start, i)).results.map((r) => r.id)).flat();
        expect(ids).toHaveLength(7);
        expect(new Set(ids).size, `${topic} from ${start}: ${ids.join(' ')}`).toBe(7);
      }
    }
  });

  it('is deterministic by date and a valid Reply whose results are the passages', () => {
    const a = previewDigest(k, '应急管理', '2026-12-01');
    expect(previewDigest(k, '应急管理', '2026-12-01')).toEqual(a);
    expect(Reply.safeParse(a).success).toBe(true);
    expect(a.intent).toBe('digest');
    expect(a.title).toContain('应急管理');
    expect(k.library.passage(a.results[0]!.id)).toBeDefined();
  });

  it('walks the whole plan in order, one or two passages a day, with no headings without text', () => {
    const units = planUnits(k);
    expect(units.every((u) => u.length === 1 || u.length === 2)).toBe(true);
    const flat = units.flat();
    expect(flat.every((p) => p.text.trim() !== '')).toBe(true);
    expect(flat.map((p) => p.order)).toEqual([...flat.map((p) => p.order)].sort((x, y) => x - y));
    const r = previewDigest(k, '', '2026-12-01');
    expect(r.results.length).toBeGreaterThanOrEqual(1);
    expect(r.results.length).toBeLessThanOrEqual(2);
  });

  it('prints through plan-bot digest preview --json', async () => {
    const [run, bad] = await Promise.all([
      runPlanBot(['digest', 'preview', '--topic', '应急管理', '--date', '2025-06-01', '--json']),
      runPlanBot(['digest', 'preview', '--date', '2025-02-30']),
    ]);
    expect(run.code, run.stderr).toBe(0);
    const reply = Reply.parse(JSON.parse(run.stdout));
    expect(reply.results).toHaveLength(1);
    expect(reply.footer).toContain('距2025年目标还有 213 天');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--date');
  });
});

describe('countdown', () => {
  it('counts the days to the target years from the local date', () => {
    expect(countdownLines([2023, 2025], '2023-12-30')).toEqual(['距2023年目标还有 1 天', '距2025年目标还有 732 天']);
    expect(countdownLines([2023, 2025], '2025-12-31')).toEqual(['今天是2025年目标的最后一天']);
    expect(countdownLines([2023, 2025], '2026-12-01')).toEqual(['2025年目标期已于2025年底结束(已过 335 天)']);
    expect(composeDigest(k, '应急管理', '2025-06-01', null).reply.footer).toContain('距2025年目标还有 213 天');
  });
});

describe('delivery rotation (stored cursor)', () => {
  it('sends every passage of a topic once before any repeats, then starts over', () => {
    const n = digestUnits(k, '应急管理').length;
    let cursor: DigestCursor | null = null;
    const seen: string[] = [];
    for (let day = 0; day < n + 2; day++) {
      const d = composeDigest(k, '应急管理', addDays('2026-12-01', day), cursor);
      seen.push(d.reply.results[0]!.id);
      cursor = d.cursor;
    }
    expect(new Set(seen.slice(0, n)).size).toBe(n);
    expect(seen.slice(n)).toEqual(seen.slice(0, 2));
  });
});

describe('what changed in content/', () => {
  const dir = mkdtempSync(join(tmpdir(), 'plan-bot-digest-content-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports passages new or reworded since the last digest, and nothing on the first', () => {
    const first = composeDigest(k, '应急管理', '2026-12-01', null);
    expect(first.reply.results).toHaveLength(1);
    expect(first.reply.results.some((r) => r.note?.includes('自上次摘要以来'))).toBe(false);

    cpSync(CONTENT_DIR, dir, { recursive: true });
    const plan = join(dir, 'plans', 'xinxihua-14th.txt');
    const text = readFileSync(plan, 'utf8');
    const before = '提高突发事件响应和处置能力。';
    expect(text).toContain(before);
    writeFileSync(plan, text.replace(before, '提高突发事件响应、处置和恢复能力。'));
    const changed = loadKnowledge(dir);
    const second = composeDigest(changed, '应急管理', '2026-12-02', first.cursor);
    const notes = second.reply.results.filter((r) => r.note === '自上次摘要以来有修改');
    expect(notes.map((r) => r.id)).toEqual(['xinxihua-14th:box14.i2']);
    // once reported, the change is part of the snapshot
    const third = composeDigest(changed, '应急管理', '2026-12-03', second.cursor);
    expect(third.reply.results.filter((r) => r.note)).toEqual([]);
  });
});
