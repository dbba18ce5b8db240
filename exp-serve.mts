import { loadConfig } from '/work/main/src/config.ts';
import { startServe } from '/work/main/src/serve.ts';
import { Bot } from '/work/main/src/conversation/bot.ts';
import { silentLogger } from '/work/main/src/logger.ts';
if (process.argv[3] === 'memo') {
  const orig = Bot.prototype.handle;
  const cache = new Map<string, any>();
  Bot.prototype.handle = async function (this: any, msg) {
    const key = { platform: msg.platform, workspace: msg.workspace, conversation: msg.conversation, ...(msg.thread ? { thread: msg.thread } : {}) };
    const hit = cache.get(msg.text);
    if (hit) { await this.store.setContext(key, { ...hit.ctx, updatedAt: Date.now() }, 86400); return hit.reply; }
    const reply = await orig.call(this, msg);
    cache.set(msg.text, { reply, ctx: await this.store.getContext(key) });
    return reply;
  };
}
const config = loadConfig({ PORT: process.argv[2], REDIS_URL: 'redis://127.0.0.1:6399', SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: 'benchsigningsecret0123456789abcdef', SLACK_BOT_USER_ID: 'U0BENCH', SLACK_BOT_ID: 'B0BENCH', LOG_LEVEL: 'silent' });
const s = await startServe({ config, logger: silentLogger() });
console.log('up', s.port);
process.on('SIGTERM', () => void s.close().then(() => process.exit(0)));
