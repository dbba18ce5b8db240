#!/usr/bin/env -S MALLOC_ARENA_MAX=2 node --max-semi-space-size=8
// Runs the built CLI (dist/, JavaScript emitted by `npm run build`, which `npm ci` runs through `prepare`): no
// TypeScript is compiled at start. After editing src/, adapters/ or app/, run `npm run build` (the tests do it first).
// The first line sets what only a start can set (app/launch-settings.ts says why): run this file as a program
// (`bin/plan-bot.js serve`, `npx plan-bot serve`, `npm start`); `node bin/plan-bot.js` works too, without them.
import { fileURLToPath } from 'node:url';

const CLI = new URL('../dist/app/cli.js', import.meta.url);

let cli;
try {
  cli = await import(CLI.href);
} catch (err) {
  if (err?.code !== 'ERR_MODULE_NOT_FOUND' || !String(err.message).includes(fileURLToPath(CLI))) throw err;
  process.stderr.write('plan-bot: BUILD_MISSING: dist/app/cli.js is not built; run `npm run build` (npm ci does it through prepare)\n');
  process.exit(1);
}
process.exitCode = await cli.main(process.argv.slice(2));
