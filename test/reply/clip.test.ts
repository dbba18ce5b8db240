import { describe, expect, it } from 'vitest';
import { clipText, cutText, snippet } from '../../src/reply/clip.js';

const LONE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

describe('clipText and cutText (UTF-16 code units, the one unit every renderer clips in)', () => {
  it('leaves a text that fits alone and clips one that does not to exactly n units, ending with …', () => {
    expect(clipText('应急管理', 4)).toBe('应急管理');
    expect(clipText('应急管理体系', 4)).toBe('应急管…');
    expect(clipText('应急管理体系', 4)).toHaveLength(4);
  });

  it('never splits a surrogate pair', () => {
    const s = 'a😀b😀c';
    for (let n = 1; n <= s.length; n++) {
      expect(clipText(s, n).length, `clipText n=${n}`).toBeLessThanOrEqual(n);
      expect(LONE.test(clipText(s, n)), `clipText n=${n}`).toBe(false);
      expect(LONE.test(cutText(s, n)), `cutText n=${n}`).toBe(false);
    }
    expect(cutText('a😀', 2)).toBe('a');
  });
});

describe('snippet', () => {
  it('shows the text around the first highlighted word of a long passage', () => {
    const text = `${'甲'.repeat(200)}应急管理${'乙'.repeat(200)}`;
    const s = snippet({ text, highlights: ['应急管理'] }, 60);
    expect(s).toContain('应急管理');
    expect(s.startsWith('…')).toBe(true);
    expect(s.length).toBeLessThanOrEqual(60);
  });

  it('starts on a character, never on the second half of a surrogate pair', () => {
    const text = `${'😀'.repeat(100)}应急管理${'😀'.repeat(100)}`;
    for (let n = 60; n <= 66; n++) {
      const s = snippet({ text, highlights: ['应急管理'] }, n);
      expect(LONE.test(s), `n ${n}: ${s}`).toBe(false);
      expect(s).toContain('应急管理');
      expect(s.length).toBeLessThanOrEqual(n);
    }
  });
});
