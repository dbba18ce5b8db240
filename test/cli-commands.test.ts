// The CLI's own surface, as real child processes: --version, every command's --help (which must start nothing,
// not even with a broken configuration), and flags parsed by node:util parseArgs (unknown ones refused by name).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runPlanBot } from './support/plan-bot-process.js';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

describe('plan-bot --version and --help', () => {
  it('--version prints the package version and exits 0', async () => {
    for (const flag of ['--version', '-v']) {
      const r = await runPlanBot([flag]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout.trim()).toBe(`plan-bot ${pkg.version}`);
    }
  });

  it.each(['ask', 'chat', 'serve', 'digest', 'subscriptions', 'installations', 'keys'])('%s --help prints its usage and exits 0 without reading settings or starting', async (command) => {
    // a PORT that would fail validation and a Redis that is not there: neither is looked at
    const r = await runPlanBot([command, '--help'], '', { PORT: 'not-a-port', REDIS_URL: 'redis://127.0.0.1:1' }, 10_000);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`plan-bot ${command}`);
    expect(r.stderr).toBe('');
  });

  it('digest preview --help is the digest usage too', async () => {
    const r = await runPlanBot(['digest', 'preview', '-h']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('plan-bot digest run');
  });
});

describe('flags', () => {
  it('an unknown flag is refused with INPUT_INVALID naming it, exit 2', async () => {
    const r = await runPlanBot(['ask', '--jsn', '应急管理']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('INPUT_INVALID');
    expect(r.stderr).toContain('--jsn');
    const d = await runPlanBot(['digest', 'preview', '--topik', '养老']);
    expect(d.code).toBe(2);
    expect(d.stderr).toContain('--topik');
  });

  it('--store=memory, --json and -- before a question that starts with a dash all work', async () => {
    const r = await runPlanBot(['ask', '--json', '--store=memory', '--', '-应急管理']);
    expect(r.code, r.stderr).toBe(0);
    const plain = await runPlanBot(['ask', '--json', '应急管理']);
    // the dash is part of the question, read the same as without it
    expect(JSON.parse(r.stdout).results.map((x: { id: string }) => x.id)).toEqual(JSON.parse(plain.stdout).results.map((x: { id: string }) => x.id));
    expect(JSON.parse(r.stdout).results.length).toBeGreaterThan(0);
  });

  it('digest preview --topic=养老 --date 2026-12-01 --json', async () => {
    const r = await runPlanBot(['digest', 'preview', '--topic=养老', '--date', '2026-12-01', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.stringify(JSON.parse(r.stdout))).toContain('养老');
  });
});
