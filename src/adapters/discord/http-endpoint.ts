// POST /discord/interactions on the shared server: the raw body is verified (Ed25519) before
// anything is parsed; a bad or stale signature is 401 and changes nothing; the HTTP response
// is the interaction's initial response, sent as soon as the handler decides it.
import express, { type Express, type Request, type Response } from 'express';
import type { KeyObject } from 'node:crypto';
import type { APIInteraction } from 'discord.js';
import type { Clock, Logger } from '../../core/ports.js';
import type { Respond } from './interactions.js';
import { InteractionSchema } from './schemas.js';
import { verifyRequest } from './verify.js';

export const INTERACTIONS_PATH = '/discord/interactions';

export interface EndpointDeps {
  app: Express;
  key: KeyObject;
  clock: Clock;
  log: Logger;
  handle: (i: APIInteraction, respond: Respond) => Promise<void>;
}

export function mountInteractionsEndpoint(d: EndpointDeps): void {
  d.app.post(INTERACTIONS_PATH, express.raw({ type: () => true, limit: '1mb' }), (req: Request, res: Response) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const verdict = verifyRequest(d.key, req.header('x-signature-ed25519'), req.header('x-signature-timestamp'), raw, d.clock.now());
    if (!verdict.ok) {
      d.log.warn({ why: verdict.why }, 'discord interaction refused');
      res.status(401).json({ error: 'invalid request signature' });
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw.toString('utf8'));
    } catch {
      res.status(400).json({ error: 'body is not JSON' });
      return;
    }
    const envelope = InteractionSchema.safeParse(parsed);
    if (!envelope.success) {
      res.status(400).json({ error: 'not an interaction' });
      return;
    }
    const respond: Respond = async (body) => {
      if (!res.headersSent) res.status(200).json(body);
    };
    void d.handle(envelope.data as unknown as APIInteraction, respond).finally(() => {
      // The handler always responds; this only guards against a path that forgot to.
      if (!res.headersSent) res.status(200).json({ type: 4, data: { content: '⚠️ Switchboard had no answer.', flags: 64 } });
    });
  });
}
