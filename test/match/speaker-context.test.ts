// Who asks is no part of what is asked: a workplace typed as an abbreviation the plan never writes (文旅局, 发改委)
// is removed with the other speaker context, so it neither turns a question into a no-match nor weighs on the ranking.
import { describe, expect, it } from 'vitest';
import { knowledge } from '../support/knowledge.js';

describe('speaker context', () => {
  const k = knowledge();
  const search = (q: string) => k.matcher.search(k.normalize(q), { highlight: 3 });

  it('a workplace abbreviation does not make a no-match of a question the plan answers', () => {
    const r = search('我在县文旅局上班,我们想推乡村旅游和互联网结合,规划里对互联网+乡村旅游有没有提过');
    expect(r.noMatch).toBe(false);
    expect(r.hits[0]?.passage.title).toBe('发展农村数字经济。');
    expect(r.concepts.map((c) => c.text)).not.toContain('上班');
  });

  it('a workplace whose name holds a topic of the plan keeps it (公安局 → 公安)', () => {
    const r = search('我在公安局上班,想了解智慧公安建设');
    const first = r.hits[0]!.passage;
    expect([first.title, ...first.path].join(' ')).toContain('智慧公安建设提升工程');
    expect(r.concepts.map((c) => c.text)).toContain('公安局');
  });
});
