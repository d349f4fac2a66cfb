// Bolt's ExpressReceiver mounted on the one shared express app (POST /slack/events), with
// two additions: a signed body that is not a Slack payload we understand gets a 400 at once
// (Bolt would wait 3 s and answer 404), and no path answers 500. Bolt's log lines go to ours.
import { ExpressReceiver, LogLevel, type ExpressReceiverOptions, type Logger as BoltLogger } from '@slack/bolt';
import type { Request, Response } from 'express';
import type { Logger } from '../../core/ports.js';
import { isSlackEnvelope } from './parse.js';

export class SlackReceiver extends ExpressReceiver {
  /** Set on shutdown: new deliveries get 503 so Slack retries them against the next start. */
  closing = false;

  constructor(opts: ExpressReceiverOptions & { log: Logger }) {
    const { log, ...rest } = opts;
    super({
      ...rest,
      processEventErrorHandler: async ({ error, response }) => {
        log.error({ err: { message: (error as Error).message } }, 'slack event processing failed');
        if (!response.headersSent) response.writeHead(503, { 'content-type': 'application/json' }).end('{"error":"temporarily unavailable"}');
        return false;
      },
      unhandledRequestHandler: ({ response }) => {
        log.warn('slack request was not acknowledged in time');
        if (!response.headersSent) response.writeHead(404).end();
      },
    });
  }

  /** Runs after the signature check and body parsing; rejects shapes Bolt cannot type. */
  override async requestHandler(req: Request, res: Response): Promise<void> {
    if (this.closing) {
      res.status(503).set('retry-after', '5').json({ error: 'shutting down' });
      return;
    }
    const body: unknown = req.body;
    if ((body as { type?: unknown } | undefined)?.type === 'app_rate_limited') {
      res.status(200).end();
      return;
    }
    if (!isSlackEnvelope(body)) {
      res.status(400).json({ error: 'not a Slack payload this app understands' });
      return;
    }
    return super.requestHandler(req, res);
  }
}

/** Bolt's logger interface over ours (Bolt's info chatter goes to debug). */
export function boltLogger(log: Logger): BoltLogger {
  let level = LogLevel.INFO;
  const text = (parts: unknown[]) =>
    parts
      .map((p) => {
        if (p instanceof Error) return p.message;
        if (typeof p === 'string') return p;
        try {
          return JSON.stringify(p);
        } catch {
          return String(p);
        }
      })
      .join(' ');
  return {
    debug: (...m: unknown[]) => log.debug(text(m)),
    info: (...m: unknown[]) => log.debug(text(m)),
    warn: (...m: unknown[]) => log.warn(text(m)),
    error: (...m: unknown[]) => log.error(text(m)),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
