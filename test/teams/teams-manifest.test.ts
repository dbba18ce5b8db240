// The Teams manifest declares exactly what the code uses (issues 13, 14): the one resource-specific consent the channel
// follow-ups need, the prompt starters the plan yields (each of them answered over real HTTP), the message extension's
// search command and PUBLIC_URL's link domain (both answered over real HTTP), and no feature whose invokes the code
// only answers with "not offered".
import '../support/node20-nock.js';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AdmZip from 'adm-zip';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { CHANNEL_MESSAGES_RSC } from '../../adapters/teams/addressed.js';
import { buildTeamsPackage, PUBLIC_HOST_PLACEHOLDER, TEAMS_APP_DIR } from '../../adapters/teams/app-package.js';
import { QUERY_PARAMETER, SEARCH_COMMAND } from '../../adapters/teams/message-extension.js';
import { commandLists, promptStarters, STARTER_SCOPES } from '../../adapters/teams/prompt-starters.js';
import { knowledge } from '../support/knowledge.js';
import { APP_ID } from './bot-framework-auth.js';
import { cards, message, texts, useTeams } from './teams-harness.js';

const manifest = (publicUrl?: string) => JSON.parse(new AdmZip(buildTeamsPackage(APP_ID, undefined, publicUrl ? { publicUrl } : {})).readAsText('manifest.json'));

const PUBLIC_URL = 'https://plan.example.org/plan-bot';

describe('Teams manifest against the code', () => {
  it('declares the ChannelMessage.Read.Group consent (Application) the channel follow-ups need, and no other', () => {
    const m = manifest();
    expect(m.authorization.permissions.resourceSpecific).toEqual([CHANNEL_MESSAGES_RSC]);
    // RSC needs the app's Entra id in webApplicationInfo (manifest 1.12 and later)
    expect(m.webApplicationInfo.id).toBe(APP_ID);
    expect(m.webApplicationInfo.resource).toMatch(/\S/);
  });

  it('its prompt starters (bots[].commandLists) are exactly those the plan yields', () => {
    const expected = commandLists(promptStarters(knowledge()));
    const declared = manifest().bots[0].commandLists;
    // when this fails after a plan edition changed: put this JSON in adapters/teams/app/manifest.json
    expect(declared, JSON.stringify(expected, null, 2)).toEqual(expected);
    expect(manifest().bots[0].scopes).toEqual([...STARTER_SCOPES]);
  });

  it('the starters come from the plan: its 专栏 with their titles and its priority actions\' goals', () => {
    const starters = promptStarters(knowledge());
    const boxes = knowledge().library.passages.filter((p) => p.kind === 'box');
    for (const b of boxes) expect(starters).toContainEqual({ title: `专栏${b.box}`, description: b.title.replace(/^专栏\d+\s*/, '') });
    const goals = starters.filter((s) => s.title.endsWith('的行动目标'));
    expect(goals.length).toBeGreaterThan(0);
    const actions = knowledge().library.allNodes().filter((n) => n.kind === 'section' && n.path[0] === '五、优先行动').map((n) => `${n.title}的行动目标`);
    for (const g of goals) expect(actions).toContain(g.title);
    expect(starters.length).toBeLessThanOrEqual(10);
  });

  it('declares one message extension, of the bot, whose one command is the search the code answers', () => {
    const m = manifest(PUBLIC_URL);
    expect(m.composeExtensions).toHaveLength(1);
    const [ext] = m.composeExtensions;
    expect(ext.botId).toBe(APP_ID);
    expect(ext.commands.map((c: any) => [c.id, c.type, c.parameters.map((p: any) => p.name)])).toEqual([[SEARCH_COMMAND, 'query', [QUERY_PARAMETER]]]);
    // the initial run is answered with the outline (teams-message-extension.test.ts)
    expect(ext.commands[0].initialRun).toBe(true);
  });

  it('unfurls links of PUBLIC_URL\'s host only: filled in when packaged, left out without a PUBLIC_URL', () => {
    expect(manifest(PUBLIC_URL).composeExtensions[0].messageHandlers).toEqual([{ type: 'link', value: { domains: ['plan.example.org'] } }]);
    expect(manifest('http://127.0.0.1:3000').composeExtensions[0].messageHandlers[0].value.domains).toEqual(['127.0.0.1']);
    const without = manifest();
    expect(without.composeExtensions[0].messageHandlers).toBeUndefined();
    expect(without.composeExtensions[0].commands[0].id).toBe(SEARCH_COMMAND);
    expect(JSON.stringify(without)).not.toContain('${{');
    // the committed manifest holds the placeholder, not a host of anyone's deployment
    const committed = JSON.parse(readFileSync(join(TEAMS_APP_DIR, 'manifest.json'), 'utf8'));
    expect(committed.composeExtensions[0].messageHandlers[0].value.domains).toEqual([PUBLIC_HOST_PLACEHOLDER]);
  });

  it('declares no tab, dialog configuration or files, whose invokes the code does not act on', () => {
    const m = manifest(PUBLIC_URL);
    expect(m.configurableTabs ?? []).toEqual([]);
    expect(m.staticTabs ?? []).toEqual([]);
    expect(m.bots[0].configuration).toBeUndefined();
    expect(m.bots[0].supportsFiles).toBe(false);
  });

  it('the committed manifest.json is valid JSON with the app id placeholder (what teams:package fills in)', () => {
    const text = readFileSync(join(TEAMS_APP_DIR, 'manifest.json'), 'utf8');
    expect(JSON.parse(text).webApplicationInfo.id).toBe('${{MICROSOFT_APP_ID}}');
  });
});

/** An app folder holding the real icons and the real manifest changed by `edit`. */
function appDirWith(edit: (m: any) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'teams-app-'));
  for (const icon of ['color.png', 'outline.png']) copyFileSync(join(TEAMS_APP_DIR, icon), join(dir, icon));
  const m = JSON.parse(readFileSync(join(TEAMS_APP_DIR, 'manifest.json'), 'utf8'));
  edit(m);
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(m));
  return dir;
}

describe('teams:package refuses a manifest Teams would refuse', () => {
  it('more than 10 prompt starters, or a title over 32 characters', () => {
    const many = appDirWith((m) => m.bots[0].commandLists[0].commands.push(...Array.from({ length: 11 }, (_, i) => ({ title: `专栏${i}`, description: 'x' }))));
    expect(() => buildTeamsPackage(APP_ID, many)).toThrow(/bots\.0\.commandLists\.0\.commands/);
    const long = appDirWith((m) => (m.bots[0].commandLists[0].commands[0].title = '长'.repeat(33)));
    expect(() => buildTeamsPackage(APP_ID, long)).toThrow(/title/);
  });

  it('a message extension link domain that is not a host name, or a PUBLIC_URL that is not a URL', () => {
    const dir = appDirWith((m) => (m.composeExtensions[0].messageHandlers[0].value.domains = ['https://plan.example.org/p']));
    expect(() => buildTeamsPackage(APP_ID, dir)).toThrow(/domains/);
    expect(() => buildTeamsPackage(APP_ID, undefined, { publicUrl: 'plan.example.org' })).toThrow(/PUBLIC_URL/);
  });

  it('resource-specific consent without webApplicationInfo', () => {
    const dir = appDirWith((m) => delete m.webApplicationInfo);
    expect(() => buildTeamsPackage(APP_ID, dir)).toThrow(/webApplicationInfo/);
  });
});

describe('Teams prompt starters, sent over HTTP', () => {
  const teams = useTeams();

  /** A card's text without Markdown escapes, bold and spaces. */
  const plain = (card: Record<string, any>) => texts(card).join('\n').replace(/[\\*\s]/g, '');

  it.each(promptStarters(knowledge()).map((s) => [s.title, s] as const))('"%s" is answered with what it promises', async (_title, starter) => {
    const res = await teams().post(message(starter.title, { conversationId: `a:starter-${encodeURIComponent(starter.title)}` }));
    expect(res.status).toBe(200);
    expect(teams().posted.length).toBe(1);
    const text = plain(cards(teams().posted)[0]!);
    expect(text).not.toContain('没有足够相关的段落');
    const promised = starter.title.endsWith('的行动目标') ? `${starter.title.slice(0, -'的行动目标'.length)}·行动目标` : starter.title;
    expect(text).toContain(promised);
  });
});
