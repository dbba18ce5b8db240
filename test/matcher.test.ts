// The matcher on the real plan: topics lead with a relevant passage, synonyms and the English glossary reach the
// plan's wording, the honest "no match", and highlights.
import { describe, expect, it } from 'vitest';
import type { Passage } from '../src/content/plan-schema.js';
import type { SearchOptions, SearchResult } from '../src/match/matcher.js';
import { translateEnglish } from '../src/nlp/glossary.js';
import { knowledge } from './support/knowledge.js';

/** Search the way a typed question is searched: normalise, read English through the glossary, then rank. */
function search(q: string, opts: SearchOptions = {}): SearchResult {
  const k = knowledge();
  const en = translateEnglish(k.normalize(q), k.lexicon.glossary, k.lexicon.stopwords, k.lexicon.englishWords);
  return k.matcher.search(en.text, { highlight: 3, ...opts, extras: [...(opts.extras ?? []), ...en.extras] });
}

const shown = (p: Passage) => `${p.title}\n${p.text}\n${p.path.join(' ')}`;
const top = (q: string): Passage => {
  const r = search(q);
  if (r.noMatch || !r.hits[0]) throw new Error(`"${q}" found nothing`);
  return r.hits[0].passage;
};

describe('coverage counts what was asked, in the asked words', () => {
  it('a synonym held whole covers only its own word: 社区安防 leads with the passage that says it, not one with 智慧社区 alone', () => {
    expect(top('社区安防').title).toBe('推动基层数据资源整合共享。');
    expect(search('社区安防').hits.find((h) => h.passage.title === '完善基层智慧治理整体规划。')?.coverage ?? 0).toBeLessThan(1);
  });
});

describe('Taiwan technology words OpenCC leaves as they are reach the plan\'s wording', () => {
  it.each([
    ['晶片', '芯片'],
    ['演算法', '算法'],
    ['矽基', '硅基'],
  ])('%s finds %s', (q, planWord) => expect(shown(top(q))).toContain(planWord));
});

describe('topic queries lead with a relevant passage', () => {
  it.each([
    ['数据治理', ['加强数据治理。']],
    ['网络空间治理', ['完善网络空间治理体系。']],
    ['平台治理', ['强化平台治理体系。']],
    ['量子信息', ['布局探索量子信息技术研究。']],
    ['智慧水利', ['推进智慧水利建设。']],
    ['网络安全保障', ['全面加强网络安全保障体系和能力建设。']],
    ['区块链', ['推进区块链技术应用和产业生态健康有序发展。', '前沿数字技术突破行动 · 行动目标']],
    ['数字乡村', ['数字乡村发展行动 · 行动目标', '推进乡村智慧治理。', '完善升级乡村基础设施。']],
    ['公共卫生', ['公共卫生应急数字化建设行动 · 行动目标', '强化公共卫生监测预警能力。', '提高突发公共卫生事件应急响应能力。']],
    ['应急管理', ['专栏14 应急管理现代化能力提升工程', '提升风险监测预警能力。', '提高突发事件响应和处置能力。', '打造平战结合的应急信息化体系。']],
  ])('%s → %s', (q, titles) => {
    expect(titles).toContain(top(q).title);
  });

  it('ranks hits by score, best first, and every hit holds some of the question', () => {
    const r = search('数据资源');
    expect(r.hits.length).toBeGreaterThan(3);
    for (let i = 1; i < r.hits.length; i++) expect(r.hits[i - 1]!.score).toBeGreaterThanOrEqual(r.hits[i]!.score);
    for (const h of r.hits) expect(h.coverage).toBeGreaterThan(0);
  });

  it('finds the plan in traditional characters and variant characters', () => {
    expect(top('資料安全').title).toBe('强化数据安全保障。');
    expect(shown(top('處臵'))).toContain('处置');
  });
});

describe('colloquial synonyms reach the plan wording', () => {
  it('反诈 → 电信网络诈骗', () => {
    const p = top('反诈');
    expect(p.id).toBe('xinxihua-14th:box12.i3');
    expect(p.text).toContain('电信网络诈骗');
  });

  it('摄像头 → 视频图像 / 视频监控', () => {
    expect(shown(top('摄像头'))).toMatch(/视频图像|视频监控/);
    expect(search('摄像头').hits[0]!.highlights.some((h) => /视频/.test(h))).toBe(true);
  });

  it('老年人 → 养老 / 适老化', () => {
    const p = top('老年人');
    expect(p.path.join('')).toContain('智慧养老服务拓展行动');
    expect(shown(p)).toMatch(/养老|适老化/);
  });
});

describe('English questions go through the glossary', () => {
  it('blockchain → 区块链', () => {
    expect(shown(top('blockchain'))).toContain('区块链');
    expect(top('Blockchain')).toEqual(top('区块链'));
  });

  it('elderly care → 养老', () => {
    const p = top('elderly care');
    expect(shown(p)).toContain('养老');
    expect(p.path.join('')).toContain('智慧养老服务拓展行动');
  });

  it('emergency management → 应急管理', () => {
    const r = search('emergency management');
    expect(shown(r.hits[0]!.passage)).toContain('应急管理');
    expect(r.hits.slice(0, 3).map((h) => h.passage.id)).toEqual(search('应急管理').hits.slice(0, 3).map((h) => h.passage.id));
  });
});

describe('no match', () => {
  it.each(['火星探测', 'asdfghjkl', '😀🎉🚀', '明天天气', '篮球比赛', '？？？', '', '数字货币', '比特币价格', '操作系统', '1 2'])('"%s" is no match, with no hits', (q) => {
    const r = search(q);
    expect(r.noMatch).toBe(true);
    expect(r.hits).toEqual([]);
  });

  it('a relevant query is not no match', () => {
    expect(search('数据治理').noMatch).toBe(false);
  });

  it('a two-word question whose best-scoring passages hold one word is answered by those holding both', () => {
    const r = search('关键基础设施');
    expect(r.noMatch).toBe(false);
    expect(shown(r.hits[0]!.passage)).toContain('关键信息基础设施');
  });

  it('common words found do not make a match when the telling word is missing (数字 + 人民币)', () => {
    expect(search('数字').noMatch).toBe(false);
    expect(search('数字人民币').noMatch).toBe(true);
  });
});

describe('highlights', () => {
  it('mark the words of the question as the passage writes them', () => {
    const r = search('数据治理', { highlight: 5 });
    expect(r.hits[0]!.highlights).toContain('数据治理');
    for (const h of r.hits.slice(0, 5)) {
      expect(h.highlights.length).toBeGreaterThan(0);
      for (const word of h.highlights) expect(`${h.passage.title}\n${h.passage.text}`).toContain(word);
    }
  });

  it('mark the plan wording a synonym or translation found, not what was typed', () => {
    expect(search('反诈').hits[0]!.highlights).toContain('电信网络诈骗');
    expect(search('blockchain').hits[0]!.highlights).toContain('区块链');
  });

  it('are shown in the passage as written (with 置, not 臵)', () => {
    const h = search('處臵').hits[0]!;
    expect(h.highlights).toContain('处置');
  });
});

describe('search options', () => {
  it('filter keeps only the passages asked for', () => {
    const r = search('数字乡村', { filter: (p) => p.kind === 'target' });
    expect(r.hits.length).toBeGreaterThan(0);
    expect(r.hits.every((h) => h.passage.kind === 'target')).toBe(true);
    expect(r.hits[0]!.passage.id).toBe('xinxihua-14th:p5.s7.target');
  });

  it('boost reorders', () => {
    const plain = search('人工智能');
    const boosted = search('人工智能', { boost: (p) => (p.kind === 'box' ? 100 : 1) });
    expect(plain.hits[0]!.passage.kind).not.toBe('box');
    expect(boosted.hits[0]!.passage.kind).toBe('box');
  });

  it('limit caps the hits', () => {
    expect(search('数据', { limit: 2 }).hits).toHaveLength(2);
  });
});
