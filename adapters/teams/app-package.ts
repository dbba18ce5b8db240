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

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const Scope = z.enum(['personal', 'team', 'groupChat']);

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
  webApplicationInfo: z.looseObject({ id: z.string().regex(GUID), resource: z.string().min(1) }).optional(),
  authorization: z
    .looseObject({ permissions: z.looseObject({ resourceSpecific: z.array(z.object({ name: z.string().min(1), type: z.enum(['Application', 'Delegated']) })).optional() }) })
    .optional(),
}).refine((m) => !m.authorization?.permissions.resourceSpecific?.length || m.webApplicationInfo, {
  path: ['webApplicationInfo'],
  message: 'resource-specific consent (authorization.permissions.resourceSpecific) needs webApplicationInfo with the app id',
});

/**
 * Build the Teams app package (manifest.json with the bot's app id filled in, color.png, outline.png,
 * all at the root of a zip), ready to upload with "Upload a custom app".
 */
export function buildTeamsPackage(appId: string, appDir: string = TEAMS_APP_DIR): Buffer {
  if (!GUID.test(appId)) throw new CodedError('INPUT_INVALID', `the Teams app id must be the bot's Microsoft app id (a GUID), got "${appId.slice(0, 60)}"`);
  const text = readFileSync(join(appDir, 'manifest.json'), 'utf8').split(APP_ID_PLACEHOLDER).join(appId);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new CodedError('CONTENT_INVALID', `adapters/teams/app/manifest.json is not JSON: ${(err as Error).message}`);
  }
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
