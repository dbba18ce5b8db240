// Preloaded into a plan-bot child process (node --import tsx --import ./test/support/microsoft-redirect.ts): the
// Microsoft identity hosts that botbuilder and msal-node call at fixed https addresses (the Bot Framework OpenID
// metadata and JWKS, the Entra ID token endpoint) are answered by a local stand-in of the test, whose origin is in
// PLAN_BOT_TEST_MICROSOFT: a request to https://HOST/PATH is answered by {origin}/HOST/PATH. Only Microsoft's
// endpoints are replaced (with nock, as everywhere in these tests); plan-bot's code and every other call are untouched.
import './node20-nock.js';
import nock from 'nock';

const target = process.env.PLAN_BOT_TEST_MICROSOFT;
if (!target) throw new Error('PLAN_BOT_TEST_MICROSOFT must hold the origin of the Microsoft stand-in (http://127.0.0.1:PORT)');

for (const host of ['login.botframework.com', 'login.microsoftonline.com']) {
  for (const method of ['GET', 'POST']) {
    nock(`https://${host}`)
      .persist()
      .intercept(/.*/, method)
      .reply(async (req: Request) => {
        const url = new URL(req.url);
        const contentType = req.headers.get('content-type');
        const res = await fetch(`${target}/${host}${url.pathname}${url.search}`, {
          method,
          headers: contentType ? { 'content-type': contentType } : {},
          ...(method === 'POST' ? { body: await req.text() } : {}),
        });
        return [res.status, await res.text(), { 'content-type': res.headers.get('content-type') ?? 'application/json' }];
      });
  }
}
