import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AdmZip from 'adm-zip';
import { z } from 'zod';
import { CodedError } from '../../src/errors.js';
import { packageRoot } from '../../src/package-root.js';
import { MAX_DESCRIPTION, MAX_STARTERS, MAX_TITLE } from './prompt-starters.js';

/** The folder holding manifest.json and the two icons (in the repository, also when this runs from dist/). */
export const TEAMS_APP_DIR = join(packageRoot(), 'adapters', 'teams', 'app');

/** Where the bot's app id goes in manifest.json. */
const APP_ID_PLACEHOLDER = '${{MICROSOFT_APP_ID}}';

/** Where PUBLIC_URL's host goes in manifest.json: the domain whose links the message extension unfurls. */
export const PUBLIC_HOST_PLACEHOLDER = '${{PUBLIC_URL_HOST}}';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const Scope = z.enum(['personal', 'team', 'groupChat']);

/** A host name Teams matches pasted links against (a leading `*.` allowed), without scheme, port or path. */
const Domain = z.string().regex(/^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i, 'a link domain must be a host name (PUBLIC_URL_HOST not filled in?)');

/** A message extension: its search commands and the link domains it unfurls. */
const ComposeExtension = z.looseObject({
  botId: z.string().regex(GUID),
  commands: z
    .array(
      z.looseObject({
        id: z.string().min(1).max(64),
        type: z.enum(['query', 'action']),
        title: z.string().min(1).max(32),
        description: z.string().max(128).optional(),
        parameters: z.array(z.looseObject({ name: z.string().min(1).max(64), title: z.string().min(1).max(32), description: z.string().max(128).optional() })).min(1).max(5).optional(),
      }),
    )
    .min(1)
    .max(10),
  messageHandlers: z.array(z.looseObject({ type: z.literal('link'), value: z.looseObject({ domains: z.array(Domain).min(1).max(10) }) })).max(5).optional(),
});

/** The parts of the manifest a sideload fails on when they are wrong, checked before zipping. */
const Manifest = z.looseObject({
  manifestVersion: z.string(),
  version: z.string().regex(/^\d+\.\d+\.\d+$/),
  id: z.string().regex(GUID, 'the app id must be a GUID'),
  name: z.looseObject({ short: z.string().min(1).max(30), full: z.string().max(100).optional() }),
  description: z.looseObject({ short: z.string().min(1).max(80), full: z.string().min(1).max(4000) }),
  icons: z.object({ color: z.literal('color.png'), outline: z.literal('outline.png') }),
  bots: z
    .array(
      z.looseObject({
        botId: z.string().regex(GUID),
        scopes: z.array(Scope).min(1),
        commandLists: z
          .array(z.object({ scopes: z.array(Scope).min(1), commands: z.array(z.object({ title: z.string().min(1).max(MAX_TITLE), description: z.string().min(1).max(MAX_DESCRIPTION) })).min(1).max(MAX_STARTERS) }))
          .max(3)
          .optional(),
      }),
    )
    .length(1),
  composeExtensions: z.array(ComposeExtension).max(1).optional(),
  webApplicationInfo: z.looseObject({ id: z.string().regex(GUID), resource: z.string().min(1) }).optional(),
  authorization: z
    .looseObject({ permissions: z.looseObject({ resourceSpecific: z.array(z.object({ name: z.string().min(1), type: z.enum(['Application', 'Delegated']) })).optional() }) })
    .optional(),
}).refine((m) => !m.authorization?.permissions.resourceSpecific?.length || m.webApplicationInfo, {
  path: ['webApplicationInfo'],
  message: 'resource-specific consent (authorization.permissions.resourceSpecific) needs webApplicationInfo with the app id',
});

/** The host of PUBLIC_URL, as a link domain of the manifest; refused when PUBLIC_URL is not a URL. */
function publicHost(publicUrl: string): string {
  try {
    return new URL(publicUrl).hostname;
  } catch (err) {
    if (err instanceof TypeError) throw new CodedError('INPUT_INVALID', `PUBLIC_URL must be an absolute URL such as https://plan.example.org, got "${publicUrl.slice(0, 60)}"`);
    throw err;
  }
}

/**
 * The link domains filled in: PUBLIC_URL's host where the manifest says PUBLIC_URL_HOST. Without a PUBLIC_URL there
 * are no passage links to unfurl, so a link handler with no other domain is left out (the search command stays).
 */
function fillDomains(manifest: unknown, host: string | undefined): void {
  const m = manifest as { composeExtensions?: { messageHandlers?: { value?: { domains?: unknown[] } }[] }[] };
  for (const ext of Array.isArray(m?.composeExtensions) ? m.composeExtensions : []) {
    if (!Array.isArray(ext?.messageHandlers)) continue;
    for (const h of ext.messageHandlers) {
      const domains = h?.value?.domains;
      if (Array.isArray(domains)) h.value!.domains = domains.flatMap((d) => (d === PUBLIC_HOST_PLACEHOLDER ? (host ? [host] : []) : [d]));
    }
    ext.messageHandlers = ext.messageHandlers.filter((h) => !Array.isArray(h?.value?.domains) || h.value!.domains!.length > 0);
    if (ext.messageHandlers.length === 0) delete ext.messageHandlers;
  }
}

/** What a package is built for besides the app id. */
export interface PackageOptions {
  /** PUBLIC_URL: its host is the link domain the message extension unfurls; absent: no link unfurling declared */
  publicUrl?: string;
}

/**
 * Build the Teams app package (manifest.json with the bot's app id and PUBLIC_URL's host filled in, color.png,
 * outline.png, all at the root of a zip), ready to upload with "Upload a custom app".
 */
export function buildTeamsPackage(appId: string, appDir: string = TEAMS_APP_DIR, opts: PackageOptions = {}): Buffer {
  if (!GUID.test(appId)) throw new CodedError('INPUT_INVALID', `the Teams app id must be the bot's Microsoft app id (a GUID), got "${appId.slice(0, 60)}"`);
  const host = opts.publicUrl ? publicHost(opts.publicUrl) : undefined;
  const text = readFileSync(join(appDir, 'manifest.json'), 'utf8').split(APP_ID_PLACEHOLDER).join(appId);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new CodedError('CONTENT_INVALID', `adapters/teams/app/manifest.json is not JSON: ${(err as Error).message}`);
  }
  fillDomains(json, host);
  const parsed = Manifest.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new CodedError('CONTENT_INVALID', `adapters/teams/app/manifest.json: ${problems}`);
  }
  const zip = new AdmZip();
  zip.addFile('manifest.json', Buffer.from(JSON.stringify(parsed.data, null, 2) + '\n', 'utf8'));
  zip.addFile('color.png', readFileSync(join(appDir, 'color.png')));
  zip.addFile('outline.png', readFileSync(join(appDir, 'outline.png')));
  return zip.toBuffer();
}
