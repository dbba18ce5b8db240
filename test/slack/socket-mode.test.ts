import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// ws arrives with @slack/socket-mode (7.x, CommonJS: the server class is WebSocket.Server)
import WebSocket from 'ws';
import nock from 'nock';
import { eventEnvelope, nowSeconds } from '../support/slack-sign.js';
import { API_ORIGIN, BOT_USER_ID, quiet, startSlackHarness, waitFor, type Harness } from './slack-harness.js';

// Slack's side of Socket Mode, played locally: apps.connections.open (through nock) hands out the URL of this
// WebSocket server, which says hello, pushes envelopes and collects the app's acks.
let wss: WebSocket.Server;
let socket: WebSocket | undefined;
const acks: Array<{ envelope_id: string; payload?: Record<string, any> }> = [];
let h: Harness;
let opened = 0;

beforeAll(async () => {
  wss = new WebSocket.Server({ port: 0, host: '127.0.0.1' });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  wss.on('connection', (ws) => {
    socket = ws;
    ws.on('message', (data) => acks.push(JSON.parse(String(data))));
    ws.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0PLAN' } }));
  });
  const port = (wss.address() as { port: number }).port;
  nock(API_ORIGIN)
    .persist()
    .post('/api/apps.connections.open')
    .reply(() => {
      opened += 1;
      return [200, { ok: true, url: `ws://127.0.0.1:${port}/link` }];
    });
  h = await startSlackHarness('socket-mode', { SLACK_APP_TOKEN: 'xapp-1-A0PLAN-1-test', SLACK_SIGNING_SECRET: '' });
});

afterAll(async () => {
  await h?.close();
  await new Promise<void>((r) => wss.close(() => r()));
});

function push(envelope: Record<string, unknown>): void {
  socket!.send(JSON.stringify(envelope));
}

describe('Socket Mode (SLACK_APP_TOKEN set)', () => {
  it('connects through apps.connections.open at SLACK_API_URL and serves no /slack/events route', async () => {
    expect(opened).toBe(1);
    expect(socket).toBeDefined();
    expect((await fetch(`${h.base}/slack/events`, { method: 'POST' })).status).toBe(404);
  });

  it('answers /plan in the envelope ack, as Block Kit', async () => {
    push({
      envelope_id: 'env-cmd-1',
      type: 'slash_commands',
      accepts_response_payload: true,
      payload: { command: '/plan', text: '应急管理', team_id: 'T0TEST', channel_id: 'C0SOCK', user_id: 'U0ASKER', response_url: 'https://hooks.slack.com/commands/T0TEST/1/s', trigger_id: '1.2' },
    });
    await waitFor(() => acks.some((a) => a.envelope_id === 'env-cmd-1'), 5000, 'the ack');
    const ack = acks.find((a) => a.envelope_id === 'env-cmd-1')!;
    expect(ack.payload?.response_type).toBe('ephemeral');
    expect(JSON.stringify(ack.payload?.blocks)).toContain('专栏14');
  });

  it('answers a mention redelivered with the same event_id once', async () => {
    const ts = `${nowSeconds()}.000100`;
    const payload = eventEnvelope({ type: 'app_mention', user: 'U0ASKER', text: `<@${BOT_USER_ID}> 养老`, ts, channel: 'C0SOCK', event_ts: ts });
    push({ envelope_id: 'env-ev-1', type: 'events_api', accepts_response_payload: false, retry_attempt: 0, payload });
    push({ envelope_id: 'env-ev-2', type: 'events_api', accepts_response_payload: false, retry_attempt: 1, retry_reason: 'timeout', payload });
    await waitFor(() => h.sent.length >= 1, 5000, 'the thread reply');
    await quiet(400);
    expect(h.sent).toHaveLength(1);
    expect(h.sent[0]!.thread_ts).toBe(ts);
    expect(acks.some((a) => a.envelope_id === 'env-ev-2')).toBe(true);
  });
});
