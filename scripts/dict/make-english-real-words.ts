// npm run dict:english : writes content/dict/english-real-words.txt, the English words that the glossary's slip rule
// (src/nlp/english-spelling.ts: a letter put back, or two neighbours swapped) would take for slips of glossary words
// (asking → tasking, actors → factors), so that they are never corrected. Source: SCOWL's American English word list
// as Debian ships it (apt-get install wamerican: /usr/share/dict/american-english). Run it again after changing
// glossary.tsv or stopwords.txt; test/nlp/english-spelling.test.ts checks that every listed word still needs to be.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { englishSlip } from '../../src/nlp/english-spelling.ts';
import { loadLexicon } from '../../src/nlp/lexicon.ts';

const SOURCE = process.env.ENGLISH_WORDS ?? '/usr/share/dict/american-english';
if (!existsSync(SOURCE)) {
  console.error(`${SOURCE} is missing: apt-get install wamerican (or set ENGLISH_WORDS to a word list, one word per line)`);
  process.exit(2);
}
const dictDir = fileURLToPath(new URL('../../content/dict', import.meta.url));
const { glossary, stopwords } = loadLexicon(dictDir);
const words = [...new Set(readFileSync(SOURCE, 'utf8').split('\n').map((w) => w.trim()).filter((w) => /^[a-z]+$/.test(w)))].sort();
const real = words.filter((w) => englishSlip(w, glossary, stopwords) !== undefined);
const header = [
  '# English words the slip rule would read as glossary words (asking → tasking): real words, never corrected.',
  `# Made by: npm run dict:english (scripts/dict/make-english-real-words.ts) from ${SOURCE} (SCOWL, wamerican;`,
  '# Copyright 2000-2011 Kevin Atkinson and others, permission to use, copy, modify and distribute with this notice).',
  '# Run it again after changing glossary.tsv or stopwords.txt.',
];
writeFileSync(`${dictDir}/english-real-words.txt`, [...header, ...real].join('\n') + '\n');
console.log(`content/dict/english-real-words.txt: ${real.length} of ${words.length} words`);
