// The reference start of `npm run bench`'s cold start: a bare Bolt app, in plain JavaScript like the built plan-bot.
// It imports @slack/bolt, constructs an App with a signing secret, a token and the bot ids (so Bolt calls no
// auth.test), starts Bolt's own HTTP receiver on port 0, prints "listening PORT" and exits once it listens.
import { App, LogLevel } from '@slack/bolt';

const app = new App({
  signingSecret: 'benchcoldstartsigningsecret0123',
  token: 'xoxb-bench-cold-start',
  botId: 'B0BENCH',
  botUserId: 'U0BENCH',
  convoStore: false,
  logLevel: LogLevel.ERROR,
});
const server = await app.start(0);
process.stdout.write(`listening ${server.address().port}\n`);
await app.stop();
process.exit(0);
