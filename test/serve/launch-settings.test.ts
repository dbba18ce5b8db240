// bin/plan-bot.js's first line starts node with a smaller young generation and fewer malloc arenas (only a start can
// set them); serve says at start which it runs with, and warns when it was started without them.
import { describe, expect, it } from 'vitest';
import { LAUNCH_SETTINGS, launchSettings, reportLaunchSettings } from '../../app/launch-settings.js';
import { AS_A_PROGRAM, startServeChild } from '../support/serve-process.js';

async function startRecords(how: typeof AS_A_PROGRAM | []): Promise<Record<string, any>[]> {
  const c = await startServeChild({}, 30_000, how);
  try {
    const res = await fetch(`${c.base}/healthz`);
    expect(res.status).toBe(200);
    c.signal('SIGTERM');
    expect((await c.exited).code).toBe(0);
    return c.records();
  } finally {
    c.kill();
  }
}

describe('launch settings', () => {
  it('reads them from node\'s own arguments and the environment', () => {
    expect(launchSettings(['--max-semi-space-size=8'], { MALLOC_ARENA_MAX: '2' })).toEqual({ maxSemiSpaceMb: 8, mallocArenaMax: '2' });
    expect(launchSettings(['--max_semi_space_size=4', '--import', 'x'], {})).toEqual({ maxSemiSpaceMb: 4 });
    expect(launchSettings([], {})).toEqual({});
    expect(launchSettings([], { NODE_OPTIONS: '--max-semi-space-size=8 --import x' })).toEqual({ maxSemiSpaceMb: 8 });
    expect(launchSettings(['--max-semi-space-size=4'], { NODE_OPTIONS: '--max-semi-space-size=8' })).toEqual({ maxSemiSpaceMb: 4 });
  });

  it('warns naming each setting that differs from the bin\'s', () => {
    const lines: { level: string; fields: Record<string, unknown> }[] = [];
    const log = { warn: (fields: Record<string, unknown>) => lines.push({ level: 'warn', fields }), info: (fields: Record<string, unknown>) => lines.push({ level: 'info', fields }) } as unknown as Parameters<typeof reportLaunchSettings>[0];
    reportLaunchSettings(log, { mallocArenaMax: '2' });
    expect(lines).toEqual([{ level: 'warn', fields: expect.objectContaining({ differs: ['maxSemiSpaceMb'] }) }]);
    reportLaunchSettings(log, { ...LAUNCH_SETTINGS });
    expect(lines[1]!.level).toBe('info');
  });

  it('serve run as a program gets them from bin/plan-bot.js\'s first line', async () => {
    const records = await startRecords(AS_A_PROGRAM);
    const line = records.find((r) => r.msg?.startsWith('memory:'));
    expect(line).toMatchObject(LAUNCH_SETTINGS);
    expect(records.some((r) => r.level === 40 && String(r.msg).includes('memory settings'))).toBe(false);
  });

  it('serve started as `node bin/plan-bot.js serve` runs without them and warns saying how to start it', async () => {
    const records = await startRecords([]);
    const warn = records.find((r) => r.level === 40 && String(r.msg).includes('memory settings'));
    expect(warn?.msg).toContain('bin/plan-bot.js serve');
    expect(records.some((r) => r.msg?.startsWith('memory:'))).toBe(false);
  });
});
