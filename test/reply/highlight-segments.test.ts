import { describe, expect, it } from 'vitest';
import { highlightSegments } from '../../src/reply/highlight-segments.js';

describe('highlightSegments', () => {
  it('splits at the words, longest first, never overlapping', () => {
    expect(highlightSegments('以信息化推动应急管理现代化,强化应急管理装备', ['应急', '应急管理'])).toEqual([
      { text: '以信息化推动', highlighted: false },
      { text: '应急管理', highlighted: true },
      { text: '现代化,强化', highlighted: false },
      { text: '应急管理', highlighted: true },
      { text: '装备', highlighted: false },
    ]);
  });

  it('treats regex characters in words literally and ignores blank words', () => {
    expect(highlightSegments('互联网+医疗健康', ['互联网+', ' '])).toEqual([
      { text: '互联网+', highlighted: true },
      { text: '医疗健康', highlighted: false },
    ]);
  });

  it('gives the text whole when there is nothing to highlight, and nothing for empty text', () => {
    expect(highlightSegments('数据治理', undefined)).toEqual([{ text: '数据治理', highlighted: false }]);
    expect(highlightSegments('', ['数据'])).toEqual([]);
  });
});
