// The normaliser: full/half width, 繁→简 (Taiwan terms too) with 智慧 kept, variant characters, case and punctuation.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLexicon } from '../src/nlp/lexicon.js';
import { makeDisplayFixer, makeNormalizer, toHalfWidth } from '../src/nlp/normalize.js';
import { CONTENT_DIR } from './support/knowledge.js';

const lexicon = loadLexicon(join(CONTENT_DIR, 'dict'));
const tables = { variants: lexicon.variants, keep: lexicon.keep, keepForms: lexicon.keepForms };
const normalize = makeNormalizer(tables);
const display = makeDisplayFixer(tables);

describe('full and half width', () => {
  it('turns full-width letters, digits and the ideographic space into ASCII', () => {
    expect(toHalfWidth('ＡＢＣ１２３　ｘ')).toBe('ABC123 x');
    expect(normalize('ＡＢＣ１２３')).toBe('abc123');
    expect(normalize('ＩＰｖ６　５Ｇ')).toBe('ipv6 5g');
  });

  it('leaves CJK characters alone', () => {
    expect(toHalfWidth('应急管理')).toBe('应急管理');
  });
});

describe('traditional to simplified', () => {
  it.each([
    ['資料安全', '数据安全'],
    ['網路安全', '网络安全'],
    ['軟體', '软件'],
    ['資訊', '信息'],
    ['數位政府', '数字政府'],
    ['區塊鏈', '区块链'],
    ['電信網路詐騙', '电信网络诈骗'],
    ['應急管理', '应急管理'],
    ['數據治理', '数据治理'],
  ])('%s → %s', (from, to) => {
    expect(normalize(from)).toBe(to);
  });

  it('keeps 智慧 as written, in simplified and traditional text', () => {
    expect(normalize('智慧城市')).toBe('智慧城市');
    expect(normalize('智慧養老')).toBe('智慧养老');
    expect(normalize('資料與智慧城市')).toBe('数据与智慧城市');
    expect(normalize('智慧社區')).toBe('智慧社区');
  });

  it('keeps the mainland words OpenCC\'s Taiwan-phrase table would turn into other words (核心技術 is not 内核技术)', () => {
    expect(normalize('核心技術')).toBe('核心技术');
    expect(normalize('資源整合')).toBe('资源整合');
    expect(normalize('資料指標體系要怎麼建立')).toBe('数据指标体系要怎么建立');
    expect(normalize('線上互動')).toBe('线上互动');
    expect(normalize('電子檔案庫')).toBe('电子档案库');
  });

  it('does not rewrite text that is already simplified', () => {
    for (const s of ['人工智能', '数据资源', '信息化', '数字乡村', '视频图像']) expect(normalize(s)).toBe(s);
  });
});

describe('variant characters', () => {
  it('maps 臵 to 置 and the other listed variants', () => {
    expect(normalize('處臵')).toBe('处置');
    expect(normalize('配臵')).toBe('配置');
    expect(normalize('光綫')).toBe('光线');
    expect(lexicon.variants.get('臵')).toBe('置');
  });

  it('the display fixer only fixes variants: punctuation, case and width stay as written', () => {
    expect(display('提高突发事件响应和处臵能力。IPv6,Ａ')).toBe('提高突发事件响应和处置能力。IPv6,Ａ');
  });
});

describe('case and punctuation', () => {
  it('lowercases ASCII', () => {
    expect(normalize('IPv6 BlockChain')).toBe('ipv6 blockchain');
  });

  it('turns Chinese and ASCII punctuation into single spaces and trims', () => {
    expect(normalize('应急管理?!')).toBe('应急管理');
    expect(normalize('应急管理？！')).toBe('应急管理');
    expect(normalize('“数字中国”（节选）')).toBe('数字中国 节选');
    expect(normalize('《规划》、数据,  治理。')).toBe('规划 数据 治理');
    expect(normalize('  a--b  ')).toBe('a b');
  });

  it('leaves nothing of emoji and symbols', () => {
    expect(normalize('😀😀')).toBe('');
    expect(normalize('🚀 ★ ※')).toBe('');
    expect(normalize('应急管理🚨')).toBe('应急管理');
  });

  it('is idempotent', () => {
    for (const s of ['資料安全？', 'ＩＰｖ６　網路', '處臵', '“智慧城市”', 'Elderly Care']) {
      expect(normalize(normalize(s))).toBe(normalize(s));
    }
  });
});
