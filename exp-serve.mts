import { loadConfig } from '/work/main/src/config.ts';
import { startServe } from '/work/main/src/serve.ts';
import { silentLogger } from '/work/main/src/logger.ts';
const config = loadConfig({ PORT: process.argv[2], REDIS_URL: 'redis://127.0.0.1:6399', SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: 'benchsigningsecret0123456789abcdef', SLACK_BOT_USER_ID: 'U0BENCH', SLACK_BOT_ID: 'B0BENCH', LOG_LEVEL: 'silent' });
const s = await startServe({ config, logger: silentLogger() });
console.log('up', s.port);
process.on('SIGTERM', () => void s.close().then(() => process.exit(0)));
