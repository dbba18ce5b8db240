// npm run teams:package [-- --app-id GUID] [--public-url URL] [--out FILE]
// Zips adapters/teams/app (manifest.json with the bot's app id, color.png, outline.png) into the package
// that Teams' "Upload a custom app" takes. The app id defaults to MICROSOFT_APP_ID; the link domain the message
// extension unfurls is PUBLIC_URL's host (--public-url overrides it; without either, no link unfurling is declared).
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
  // the environment is read only for what the flags leave out
  let config: ReturnType<typeof loadConfig> | undefined;
  const env = () => (config ??= loadConfig());
  const appId = flag(args, '--app-id') ?? env().microsoftAppId;
  const publicUrl = flag(args, '--public-url') ?? env().publicUrl;
  if (!appId) {
    console.error('teams:package needs the bot\'s Microsoft app id: set MICROSOFT_APP_ID or pass --app-id GUID');
    process.exit(2);
  }
  const out = resolve(flag(args, '--out') ?? 'build/teams/plan-bot-teams.zip');
  const zip = buildTeamsPackage(appId, undefined, publicUrl ? { publicUrl } : {});
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, zip);
  console.log(`wrote ${out} (${zip.length} bytes): manifest.json, color.png, outline.png for app ${appId}, ${publicUrl ? `unfurling links to ${new URL(publicUrl).hostname}` : 'no link unfurling (PUBLIC_URL not set)'}`);
} catch (err) {
  console.error(isCodedError(err) ? `${err.code}: ${err.message}` : err);
  process.exit(1);
}
