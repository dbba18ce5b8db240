import { describe, expect, it } from 'vitest';
import { within } from '../../adapters/slack/ack-budget.js';

describe('within (the slash-command ack budget)', () => {
  it('gives the value when the work finishes in time', async () => {
    await expect(within(Promise.resolve(42), 200)).resolves.toEqual({ done: true, value: 42 });
  });

  it('gives up after the budget (and not much later) when the work is slow, leaving the work running', async () => {
    let finished = false;
    const slow = new Promise<string>((r) => setTimeout(() => ((finished = true), r('late')), 600));
    const started = Date.now();
    const outcome = await within(slow, 150);
    const waited = Date.now() - started;
    expect(outcome).toEqual({ done: false });
    expect(waited).toBeGreaterThanOrEqual(145);
    expect(waited).toBeLessThan(400);
    expect(finished).toBe(false);
    await expect(slow).resolves.toBe('late');
  });
});
