// The baseline of `npm run bench:slack`: a bare Bolt app (Bolt's own HTTP receiver) that verifies the signature
// and only acks /plan with an empty body. Started as a child process by scripts/bench-slack.ts; prints its port.
import { App, LogLevel } from '@slack/bolt';

const signingSecret = process.argv[2];
if (!signingSecret) {
  console.error('usage: bench-slack-bare-app.ts SIGNING_SECRET');
  process.exit(2);
}
const app = new App({
  signingSecret,
  token: 'xoxb-bench-bare',
  botId: 'B0BENCH',
  botUserId: 'U0BENCH',
  convoStore: false,
  logLevel: LogLevel.ERROR,
});
app.command(/.*/, async ({ ack }) => {
  await ack();
});
const server = (await app.start(0)) as { address(): { port: number } };
console.log(`listening ${server.address().port}`);
process.on('SIGTERM', () => {
  void app.stop().then(() => process.exit(0));
});
