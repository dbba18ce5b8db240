// A glossary key written with a hyphen (e-government, land-sea) is found in a question, where normalisation has made
// the hyphen a space; a key written both ways gives the terms of both lines.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { translateEnglish } from '../../src/nlp/glossary.js';
import { loadLexicon } from '../../src/nlp/lexicon.js';
import { knowledge } from '../support/knowledge.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('glossary keys', () => {
  it('hyphenated keys of the real glossary translate the questions people type', () => {
    const k = knowledge();
    const tr = (q: string) => translateEnglish(k.normalize(q), k.lexicon.glossary, k.lexicon.stopwords, k.lexicon.englishWords).text;
    expect(tr('e-government')).toBe('数字政府');
    expect(tr('land-sea coordinated system')).toContain('陆海统筹');
    expect(tr('cross-border data flow')).toBe('数据跨境流动');
  });

  it('a key written with a hyphen and with a space is one key holding the terms of both lines', () => {
    const dir = mkdtempSync(join(tmpdir(), 'glossary-keys-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'glossary.tsv'), 'Real-Time\t实时\nreal time\t实时,即时\n');
    expect(loadLexicon(dir).glossary.get('real time')).toEqual(['实时', '即时']);
    expect(loadLexicon(dir).glossary.has('real-time')).toBe(false);
  });
});
