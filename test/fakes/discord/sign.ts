// Ed25519 keys and signatures as Discord makes them, for tests of /discord/interactions: the
// test holds the private key, the app gets the public key as DISCORD_PUBLIC_KEY (hex).
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

export interface SigningKeys {
  privateKey: KeyObject;
  /** The raw 32-byte public key in hex, as the Developer Portal shows it. */
  publicKeyHex: string;
}

export function generateSigningKeys(): SigningKeys {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const jwk = publicKey.export({ format: 'jwk' }) as { x: string };
  return { privateKey, publicKeyHex: Buffer.from(jwk.x, 'base64url').toString('hex') };
}

/** The two headers Discord sends with an interaction body. */
export function signedHeaders(keys: SigningKeys, body: string, timestamp: number): Record<string, string> {
  const ts = String(timestamp);
  const signature = sign(null, Buffer.from(ts + body, 'utf8'), keys.privateKey).toString('hex');
  return { 'content-type': 'application/json', 'x-signature-ed25519': signature, 'x-signature-timestamp': ts };
}
