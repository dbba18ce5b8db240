import { knowledge } from '/work/main/test/support/knowledge.ts';
import { Bot } from '/work/main/src/conversation/bot.ts';
import { MemoryStore } from '/work/main/src/store/memory-store.ts';
import { parseIntent } from '/work/main/src/intents/parse-intent.ts';
import { searchAnswer } from '/work/main/src/conversation/answers.ts';
import { renderBlockKit } from '/work/main/adapters/slack/block-kit.ts';
const TOPICS = ['应急管理', '数据治理', '养老', '数字乡村', '网络安全', '数字政府', '人工智能', '专栏14'];
const k = knowledge();
const bot = new Bot({ knowledge: k, store: new MemoryStore() });
const N = 4000;
function time(name: string, f: (i: number) => unknown) { const t = performance.now(); for (let i = 0; i < N; i++) f(i); console.log(name.padEnd(14), ((performance.now() - t) * 1000 / N).toFixed(1), 'µs'); }
const replies: any[] = [];
for (let r = 0; r < 3; r++) {
  time('parseIntent', (i) => parseIntent(TOPICS[i % 8]!, k));
  time('normalize', (i) => k.normalize(TOPICS[i % 8]!));
  time('search', (i) => k.matcher.search(TOPICS[i % 8]!, { highlight: 3 }));
  time('searchAnswer', (i) => searchAnswer(k, TOPICS[i % 8]!));
  const t = performance.now();
  for (let i = 0; i < N; i++) replies[i] = await bot.handle({ platform: 'slack', workspace: 'T', conversation: 'C', thread: 'u' + (i % 32), user: 'U', text: TOPICS[i % 8]!, messageId: String(i) });
  console.log('bot.handle'.padEnd(14), ((performance.now() - t) * 1000 / N).toFixed(1), 'µs');
  time('render', (i) => renderBlockKit(replies[i], { share: true }));
  time('render+json', (i) => JSON.stringify(renderBlockKit(replies[i], { share: true })));
}
