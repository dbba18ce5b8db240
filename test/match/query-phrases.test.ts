import { describe, expect, it } from 'vitest';
import { queryPhrases } from '../../src/match/query-phrases.js';
import { knowledge } from '../support/knowledge.js';

describe('query phrases', () => {
  const stopwords = knowledge().lexicon.stopwords;

  it('a run tied with 的 is also looked for without it, as the plan writes the compound', () => {
    expect(queryPhrases('基层智慧治理的标准体系', stopwords)).toEqual(['基层智慧治理的标准体系', '基层智慧治理标准体系']);
    expect(queryPhrases('数据安全', stopwords)).toEqual(['数据安全']);
  });

  it('the compound outranks a passage that holds its words apart', () => {
    const k = knowledge();
    const hits = k.matcher.search(k.normalize('基层智慧治理的标准体系要怎么搞?')).hits;
    // the 行动目标 holds 基层智慧治理 and 标准规范…体系, the task itself 制定基层智慧治理标准体系
    expect(hits[0]?.passage.title).toBe('完善基层智慧治理整体规划。');
    expect(hits.slice(1, 3).map((h) => h.passage.title)).toContain('基层智慧治理能力提升行动 · 行动目标');
  });
});

describe('typed words the plan writes side by side', () => {
  it('a passage writing two typed words as one phrase leads one holding them apart', () => {
    const k = knowledge();
    const hits = k.matcher.search(k.normalize('规划里讲气象灾害监测的是哪段')).hits;
    expect(k.normalize(hits[0]!.passage.text)).toContain('气象灾害');
    expect(hits[0]!.passage.title).not.toBe('提升风险监测预警能力。');
    // the question frame (是哪段) is no word of the question
    expect(k.matcher.concepts(k.normalize('气象灾害监测的是哪段')).map((c) => c.text)).toEqual(['气象', '灾害', '监测']);
  });
});
