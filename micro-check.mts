import { App } from '@slack/bolt';
import { knowledge } from '/work/main/test/support/knowledge.ts';
import { Bot } from '/work/main/src/conversation/bot.ts';
import { MemoryStore } from '/work/main/src/store/memory-store.ts';
import { openStore } from '/work/main/src/store/open-store.ts';
import { silentLogger } from '/work/main/src/logger.ts';
import { createSlackApp } from '/work/main/adapters/slack/slack-app.ts';
import { RouteReceiver } from '/work/main/adapters/slack/route-receiver.ts';
import { SlackSender } from '/work/main/adapters/slack/slack-sender.ts';
const TOPICS = ['应急管理', '数据治理', '养老', '数字乡村', '网络安全', '数字政府', '人工智能', '专栏14'];
const log = silentLogger();
const k = knowledge();
const bodies = TOPICS.flatMap((t, i) => [0, 1, 2, 3].map((u) => ({ command: '/plan', text: t, team_id: 'T0B', channel_id: 'C0B', user_id: `U0B${i}${u}`, response_url: 'https://hooks.slack.com/x/y', trigger_id: '1.1', token: 'x', api_app_id: 'A0' })));
async function bench(name: string, app: App, N = 4000) {
  let sink = 0;
  const t0 = performance.now();
  for (let i = 0; i < N; i++) await app.processEvent({ body: bodies[i % bodies.length]!, ack: async (r?: unknown) => { sink += r ? JSON.stringify(r).length : 0; } });
  console.log(name, ((performance.now() - t0) * 1000 / N).toFixed(0), 'µs/req');
}
const bare = new App({ receiver: new RouteReceiver({ signingSecret: 'x'.repeat(20), logger: log }), token: 'xoxb-1', botId: 'B0', botUserId: 'U0', convoStore: false, logger: { debug() {}, info() {}, warn() {}, error() {}, setLevel() {}, getLevel: () => 'info' as any, setName() {} } });
bare.command(/.*/, async ({ ack }) => { await ack(); });
const sender = new SlackSender({ token: 'xoxb-1', apiUrl: 'http://127.0.0.1:9/api/', logger: log });
const mk = (store: any) => createSlackApp({ receiver: new RouteReceiver({ signingSecret: 'x'.repeat(20), logger: log }), token: 'xoxb-1', apiUrl: 'http://127.0.0.1:9/api/', botUserId: 'U0', botId: 'B0', store, logger: log, deps: { bot: new Bot({ knowledge: k, store, logger: log }), sender, ackBudgetMs: 2000 } });
const mem = new MemoryStore();
const redis = await openStore('redis://127.0.0.1:6399', { prefix: 'micro:', timeoutMs: 500, logger: log });
const ours = mk(mem);
const oursR = mk(redis);
for (let r = 0; r < 3; r++) { await bench('bare', bare); await bench('ours-mem', ours); await bench('ours-redis', oursR); }
await redis.close();
