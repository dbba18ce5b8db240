// A question all of whose words are telling ones the plan speaks of, each in a passage of its own (抗洪 → 防汛抗旱,
// 抢险 → 应急救援), is about the plan though no one passage holds both; one of common words (提高工作效率) is not.
import { describe, expect, it } from 'vitest';
import { knowledge } from '../support/knowledge.js';

describe('a question whose every word the plan speaks of somewhere', () => {
  const k = knowledge();
  const search = (q: string) => k.matcher.search(k.normalize(q));

  it('is answered when every word is rare in general language', () => {
    const r = search('抗洪抢险');
    expect(r.noMatch).toBe(false);
    expect(r.evidence?.allHeld).toBe(true);
    expect(r.hits[0]?.passage.title).toBe('提升风险监测预警能力。');
  });

  it('is not when its words are common ones, or the plan lacks one', () => {
    expect(search('怎么提高工作效率').noMatch).toBe(true);
    expect(search('明天天气').noMatch).toBe(true);
    expect(search('高考志愿填报').evidence?.allHeld).not.toBe(true);
  });
});
