#!/usr/bin/env node
// Runs the TypeScript CLI directly (no build step), so `npx plan-bot` works right after `npm ci`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../app/cli.ts');
process.exitCode = await main(process.argv.slice(2));
