import nock from 'nock';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eventEnvelope, nowSeconds, sendEvent } from '../support/slack-sign.js';
import { API_ORIGIN, quiet, startSlackHarness, type Harness } from './slack-harness.js';

// Without PUBLIC_URL plan-bot has no passage pages, so it unfurls nothing, even links shaped like its own
let h: Harness;
const unfurls: string[] = [];
beforeAll(async () => {
  h = await startSlackHarness('unfurl-off');
  nock(API_ORIGIN)
    .persist()
    .post('/api/chat.unfurl')
    .reply(async (req: Request) => {
      unfurls.push(await req.text());
      return [200, { ok: true }];
    });
});
afterAll(async () => h?.close());

it('makes no chat.unfurl call for link_shared when PUBLIC_URL is not set', async () => {
  const res = await sendEvent(
    h.base,
    eventEnvelope({
      type: 'link_shared',
      channel: 'C0LINKS',
      user: 'U0POSTER',
      message_ts: `${nowSeconds()}.000200`,
      links: [{ url: `${h.base}/p/xinxihua-14th/box14.i1`, domain: '127.0.0.1' }],
      event_ts: `${nowSeconds()}.000300`,
    }),
  );
  expect(res.status).toBe(200);
  await quiet(400);
  expect(unfurls).toEqual([]);
});
