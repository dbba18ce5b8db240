// The Teams manifest declares exactly what the code uses (issue 13): the one resource-specific consent the channel
// follow-ups need, the prompt starters the plan yields (each of them answered over real HTTP), and no feature whose
// invokes the code only answers with "not offered".
import '../support/node20-nock.js';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AdmZip from 'adm-zip';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { CHANNEL_MESSAGES_RSC } from '../../adapters/teams/addressed.js';
import { buildTeamsPackage, TEAMS_APP_DIR } from '../../adapters/teams/app-package.js';
import { commandLists, promptStarters, STARTER_SCOPES } from '../../adapters/teams/prompt-starters.js';
import { knowledge } from '../support/knowledge.js';
import { APP_ID } from './bot-framework-auth.js';
import { cards, message, texts, useTeams } from './teams-harness.js';

const manifest = () => JSON.parse(new AdmZip(buildTeamsPackage(APP_ID)).readAsText('manifest.json'));

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

  it('declares no compose extension, tab, dialog configuration or files, whose invokes the code does not act on', () => {
    const m = manifest();
    expect(m.composeExtensions ?? []).toEqual([]);
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
