// A fake Bot Framework OpenID endpoint on 127.0.0.1: the metadata document and the JWKS with an
// RS256 key generated for the test, plus a signer for tokens as the Bot Connector would send
// them (or forged ones: another key, expired, wrong audience, another serviceUrl).
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';

export interface TokenOptions {
  audience?: string;
  issuer?: string;
  serviceUrl?: string;
  /** Seconds from now (negative: already expired). */
  expiresIn?: number;
  /** Sign with a key the endpoint does not publish. */
  foreignKey?: boolean;
  /** Another key id in the header. */
  kid?: string;
}

export interface FakeOpenId {
  /** The `openIdMetadataUrl` to give the SDK (its keys are at …/keys). */
  metadataUrl: string;
  /** How many times the keys were fetched. */
  keyFetches(): number;
  token(claims: TokenOptions): string;
  stop(): Promise<void>;
}

const b64url = (v: object | Buffer) => (Buffer.isBuffer(v) ? v : Buffer.from(JSON.stringify(v))).toString('base64url');

/** An RS256 JWT with these claims (also a valid shape for the SDK's outbound token). */
export function signJwt(payload: object, key: KeyObject, kid: string): string {
  const head = `${b64url({ alg: 'RS256', typ: 'JWT', kid })}.${b64url(payload)}`;
  return `${head}.${b64url(sign('sha256', Buffer.from(head), key))}`;
}

export async function startFakeOpenId(defaults: { audience: string }): Promise<FakeOpenId> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const foreign = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const kid = 'test-key-1';
  let fetches = 0;
  let base = '';
  const server: Server = createServer((req, res) => {
    const send = (status: number, body: object) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.url === '/v1/.well-known/openidconfiguration') {
      return send(200, { issuer: BOT_FRAMEWORK_ISSUER, jwks_uri: `${base}/v1/.well-known/keys`, id_token_signing_alg_values_supported: ['RS256'], token_endpoint_auth_methods_supported: ['private_key_jwt'] });
    }
    if (req.url === '/v1/.well-known/keys') {
      fetches++;
      return send(200, { keys: [{ ...publicKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256', endorsements: ['msteams'] }] });
    }
    send(404, { error: 'not found' });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    metadataUrl: `${base}/v1/.well-known/openidconfiguration`,
    keyFetches: () => fetches,
    token: (o) => {
      const now = Math.floor(Date.now() / 1000);
      const payload = {
        iss: o.issuer ?? BOT_FRAMEWORK_ISSUER,
        aud: o.audience ?? defaults.audience,
        nbf: now - 60,
        iat: now - 60,
        exp: now + (o.expiresIn ?? 3600),
        ...(o.serviceUrl ? { serviceurl: o.serviceUrl } : {}),
      };
      return signJwt(payload, o.foreignKey ? foreign : privateKey, o.kid ?? kid);
    },
    stop: () =>
      new Promise((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}
