// Stand-ins for Microsoft's identity endpoints, so the real botbuilder authentication runs against them:
// the Bot Framework OpenID metadata and JWKS (to check inbound tokens, signed here by a test RSA key) and
// the Entra ID token endpoint (the bot's outbound token for the Connector).
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import nock from 'nock';

export const APP_ID = '6a1b7c2d-0000-4000-8000-000000000b07';
export const APP_PASSWORD = 'test-app-password-not-a-secret';
export const CHANNEL_ISSUER = 'https://api.botframework.com';
export const OUTBOUND_TOKEN = 'outbound-access-token-from-mock';
const KID = 'plan-bot-test-key';

type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

export interface BotFrameworkMocks {
  /** a Bot Framework channel token, valid unless the overrides say otherwise */
  token(claims?: JWTPayload & { serviceurl?: string }, opts?: { key?: PrivateKey; expiresInSeconds?: number }): Promise<string>;
  /** a key that is not in the JWKS, to forge a signature with the right kid */
  strangerKey: PrivateKey;
  /** how often the bot asked the token endpoint for an outbound token */
  tokenRequests(): number;
}

/** The Bot Framework OpenID metadata document, pointing at the JWKS. */
const metadata = {
  issuer: CHANNEL_ISSUER,
  authorization_endpoint: 'https://invalid.botframework.com',
  jwks_uri: 'https://login.botframework.com/v1/.well-known/keys',
  id_token_signing_alg_values_supported: ['RS256'],
  token_endpoint_auth_methods_supported: ['private_key_jwt'],
};

export interface MockOptions {
  /** never answer (until the promise settles) the OpenID metadata, or the token endpoint */
  hang?: { metadata?: Promise<void>; token?: Promise<void> };
}

/** Serve the OpenID metadata, the JWKS and the token endpoint with nock; botbuilder fetches them itself. */
export async function mockBotFramework(serviceUrl: string, opts: MockOptions = {}): Promise<BotFrameworkMocks> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const stranger = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: KID, use: 'sig', endorsements: ['msteams'] };
  nock('https://login.botframework.com')
    .persist()
    .get('/v1/.well-known/openidconfiguration')
    .reply(async () => {
      await opts.hang?.metadata;
      return [200, metadata];
    })
    .get('/v1/.well-known/keys')
    .reply(200, { keys: [jwk] });

  let tokenRequests = 0;
  nock('https://login.microsoftonline.com')
    .persist()
    .post('/botframework.com/oauth2/v2.0/token')
    .query(true)
    .reply(async (req: Request) => {
      tokenRequests += 1;
      await opts.hang?.token;
      const form = new URLSearchParams(await req.text());
      if (form.get('client_id') !== APP_ID || form.get('client_secret') !== APP_PASSWORD || form.get('grant_type') !== 'client_credentials') {
        return [401, { error: 'invalid_client' }];
      }
      return [200, { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: OUTBOUND_TOKEN }];
    });

  return {
    strangerKey: stranger.privateKey,
    tokenRequests: () => tokenRequests,
    token: async (claims = {}, opts = {}) => {
      const now = Math.floor(Date.now() / 1000);
      const payload: JWTPayload = { iss: CHANNEL_ISSUER, aud: APP_ID, serviceurl: serviceUrl, nbf: now - 60, iat: now - 60, exp: now + (opts.expiresInSeconds ?? 3600), ...claims };
      return new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid: KID, typ: 'JWT' }).sign(opts.key ?? privateKey);
    },
  };
}
