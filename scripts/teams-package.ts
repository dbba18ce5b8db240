// npm run teams:package [-- --app-id GUID] [--out FILE]
// Zips adapters/teams/app (manifest.json with the bot's app id, color.png, outline.png) into the package
// that Teams' "Upload a custom app" takes. The app id defaults to MICROSOFT_APP_ID.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { buildTeamsPackage } from '../adapters/teams/app-package.js';
import { loadConfig } from '../app/config.js';
import { isCodedError } from '../src/errors.js';

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i >= 0) return args[i + 1];
  return args.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
}

try {
  const args = process.argv.slice(2);
  const appId = flag(args, '--app-id') ?? loadConfig().microsoftAppId;
  if (!appId) {
    console.error('teams:package needs the bot\'s Microsoft app id: set MICROSOFT_APP_ID or pass --app-id GUID');
    process.exit(2);
  }
  const out = resolve(flag(args, '--out') ?? 'build/teams/plan-bot-teams.zip');
  const zip = buildTeamsPackage(appId);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, zip);
  console.log(`wrote ${out} (${zip.length} bytes): manifest.json, color.png, outline.png for app ${appId}`);
} catch (err) {
  console.error(isCodedError(err) ? `${err.code}: ${err.message}` : err);
  process.exit(1);
}
