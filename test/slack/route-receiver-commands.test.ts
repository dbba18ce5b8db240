import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { RouteReceiver, type CommandHandler } from '../../adapters/slack/route-receiver.js';
import { createLogger } from '../../src/logger.js';
import { CodedError } from '../../src/errors.js';
import { sendSlashCommand, TEST_SIGNING_SECRET } from '../support/slack-sign.js';

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A RouteReceiver serving /slack/events on a real port, its slash commands going to `handler`; the log lines kept. */
async function serve(handler: CommandHandler, authorize?: Parameters<RouteReceiver['commands']>[1]) {
  const lines: string[] = [];
  const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
  const receiver = new RouteReceiver({ signingSecret: TEST_SIGNING_SECRET, logger: createLogger('debug', sink) });
  receiver.commands(handler, authorize);
  server = createServer((req, res) => void receiver.handle(req, res));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { receiver, lines, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('RouteReceiver slash commands (no Bolt dispatch)', () => {
  it('hands the checked body and its ack to the listener, and drain() waits for work after the ack', async () => {
    let finished = false;
    const { receiver, base } = await serve(async ({ body, ack, context }) => {
      expect(context.teamId).toBe(body.team_id);
      await ack({ response_type: 'ephemeral', text: `got ${body.text}` });
      await new Promise((r) => setTimeout(r, 300));
      finished = true;
    });
    const res = await sendSlashCommand(base, { text: '应急管理' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ response_type: 'ephemeral', text: 'got 应急管理' });
    expect(finished).toBe(false);
    await receiver.drain();
    expect(finished).toBe(true);
  });

  it('answers 500 when the listener fails before acking, and 404 when it never acks, logging the failure', async () => {
    let fail = true;
    const { base, lines } = await serve(async () => {
      if (fail) throw new CodedError('SLACK_API_ERROR', 'the listener broke');
    });
    const broken = await sendSlashCommand(base, { text: 'x' });
    expect([broken.status, await broken.json()]).toEqual([500, { error: 'internal_error' }]);
    expect(lines.join('')).toMatch(/"level":50[^\n]*"code":"SLACK_API_ERROR"[^\n]*slack listener failed/);
    fail = false;
    const silent = await sendSlashCommand(base, { text: 'x' });
    expect([silent.status, await silent.json()]).toEqual([404, { error: 'no_handler' }]);
  });

  it('acks empty, without calling the listener, when authorize refuses or throws; an outage is logged as an error', async () => {
    let called = 0;
    const refusals = [new CodedError('INSTALLATION_NOT_FOUND', 'not installed'), new CodedError('STORE_UNAVAILABLE', 'redis down')];
    const { base, lines } = await serve(
      async ({ ack }) => {
        called++;
        await ack();
      },
      (() => {
        const err = refusals.shift();
        if (err) throw err; // synchronously, which a plain .catch would miss
        return Promise.resolve({ botToken: 'xoxb-ok' });
      }) as never,
    );
    for (let i = 0; i < 2; i++) {
      const res = await sendSlashCommand(base, { text: 'x' });
      expect([res.status, await res.text()]).toEqual([200, '']);
    }
    expect(called).toBe(0);
    const log = lines.join('');
    expect(log).toMatch(/"level":40[^\n]*"cause":"INSTALLATION_NOT_FOUND"/);
    expect(log).toMatch(/"level":50[^\n]*"cause":"STORE_UNAVAILABLE"/);
    expect((await sendSlashCommand(base, { text: 'x' })).status).toBe(200);
    expect(called).toBe(1);
  });
});
