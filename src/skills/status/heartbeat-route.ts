// `POST /heartbeat/<token>` and `GET /heartbeat/<token>`: a scheduled job reports a run
// (`?status=fail` for a failed one; the request body is its log line). The token is the only
// credential: it is compared in constant time against every heartbeat's (SHA-256 of both, so
// lengths never differ), never logged, and an unknown or malformed one gets the same 404 as
// any unknown path, with nothing changed.
import { timingSafeEqual } from 'node:crypto';
import type { HttpHandler, HttpResponse, Logger } from '../../core/ports.js';
import { digestToken, type Catalog, type CatalogHeartbeat } from './catalog.js';
import type { HeartbeatBook } from './heartbeat-book.js';

/** Exactly what the server answers for any unknown route. */
const NOT_FOUND: HttpResponse = { status: 404, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify({ error: 'not found' }) };
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{32,128}$/;
/** Longest log line kept: the tail of the body, where a job's error usually is. */
export const LOG_MAX = 500;

function json(status: number, body: unknown): HttpResponse {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }, body: JSON.stringify(body) };
}

/** The heartbeat whose token this is; every configured one is compared, whatever matches first. */
export function matchToken(heartbeats: readonly CatalogHeartbeat[], candidate: string): CatalogHeartbeat | undefined {
  if (!TOKEN_SHAPE.test(candidate)) return undefined;
  const digest = digestToken(candidate);
  let found: CatalogHeartbeat | undefined;
  for (const hb of heartbeats) if (timingSafeEqual(digest, hb.tokenDigest) && !found) found = hb;
  return found;
}

/** The body as one short log line: no control characters, at most LOG_MAX characters (the end kept). */
export function logLine(body: string): string | undefined {
  const lines = body
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const text = lines.join('\n');
  if (!text) return undefined;
  return text.length > LOG_MAX ? `…${text.slice(-(LOG_MAX - 1))}` : text;
}

/** What `?status=` says about the run: `ok` (default) or `fail`, or an exit code (`?status=$?`: 0 is ok). Undefined: neither. */
export function outcome(raw: string | undefined): boolean | undefined {
  const s = (raw ?? 'ok').trim().toLowerCase();
  if (s === '' || s === 'ok' || s === 'success') return true;
  if (s === 'fail' || s === 'failed' || s === 'failure' || s === 'error') return false;
  if (/^\d{1,3}$/.test(s)) return Number(s) === 0;
  return undefined;
}

export function heartbeatRoute(catalog: Catalog, book: HeartbeatBook, log: Logger): HttpHandler {
  return async (req) => {
    const token = req.params.token ?? '';
    const hb = matchToken(catalog.heartbeats, token);
    if (!hb) return NOT_FOUND;
    const ok = outcome(req.query.status);
    if (ok === undefined) return json(400, { error: 'status must be ok, fail or an exit code', example: '?status=fail' });
    // A job that echoes its own command line must not put its token in the store or in chat.
    const line = logLine(req.body.split(token).join('[token]'));
    try {
      const { run, state } = await book.report(hb, ok, line);
      return json(200, { ok: true, heartbeat: hb.id, result: run.result, expected_at: run.expectedAt, next_expected_at: state.awaiting });
    } catch (e) {
      // Handled here so the server never logs the request path, which holds the token.
      log.error({ heartbeat: hb.id, err: { message: (e as Error).message } }, 'heartbeat report could not be stored');
      return json(503, { error: 'temporarily unavailable' });
    }
  };
}
