// Ed25519 verification of Discord's HTTP interactions: the signature in `x-signature-ed25519`
// covers `x-signature-timestamp` + the raw body, with the application's public key. Discord
// sends deliberately bad signatures to check that an endpoint refuses them.
import { createPublicKey, verify, type KeyObject } from 'node:crypto';

/** How far a signed timestamp may be from now before it counts as a replay (ms). */
export const MAX_SKEW_MS = 5 * 60_000;

/** The KeyObject of a hex public key (the Developer Portal's "Public Key"); throws when malformed. */
export function publicKeyFromHex(hex: string): KeyObject {
  const clean = hex.trim();
  if (!/^[0-9a-f]{64}$/i.test(clean)) throw new Error('DISCORD_PUBLIC_KEY must be the 64 hex characters of the application\'s public key');
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(clean, 'hex').toString('base64url') }, format: 'jwk' });
}

export type Verdict = { ok: true } | { ok: false; why: string };

/** Checks one request's signature and timestamp; never throws. */
export function verifyRequest(key: KeyObject, signature: string | undefined, timestamp: string | undefined, rawBody: Buffer, now: Date): Verdict {
  if (!signature || !timestamp) return { ok: false, why: 'missing signature headers' };
  if (!/^[0-9a-f]{128}$/i.test(signature)) return { ok: false, why: 'malformed signature' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, why: 'malformed timestamp' };
  if (Math.abs(now.getTime() - Number(timestamp) * 1000) > MAX_SKEW_MS) return { ok: false, why: 'stale timestamp' };
  try {
    const ok = verify(null, Buffer.concat([Buffer.from(timestamp, 'utf8'), rawBody]), key, Buffer.from(signature, 'hex'));
    return ok ? { ok: true } : { ok: false, why: 'bad signature' };
  } catch {
    return { ok: false, why: 'bad signature' };
  }
}
