import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AxiosProbe } from '../../src/infra/probe.js';

let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/ok') res.end('all good');
    else if (req.url === '/slow') setTimeout(() => res.end('late'), 500);
    else if (req.url === '/500') {
      res.statusCode = 500;
      res.end('boom');
    } else res.end('nothing here');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('http probe', () => {
  const probe = new AxiosProbe();
  const req = (path: string, extra: object = {}) => ({ url: base + path, method: 'GET' as const, timeoutMs: 200, expectedStatus: [200], ...extra });

  it('is up on the expected status and body', async () => {
    expect(await probe.check(req('/ok', { bodyMatch: 'good' }))).toMatchObject({ ok: true, status: 200 });
  });
  it('is down on another status, a missing body match, a timeout, a refused connection', async () => {
    expect(await probe.check(req('/500'))).toMatchObject({ ok: false, status: 500, error: 'HTTP 500 (expected 200)' });
    expect(await probe.check(req('/other', { bodyMatch: 'good' }))).toMatchObject({ ok: false, error: 'body does not contain "good"' });
    expect(await probe.check(req('/slow'))).toMatchObject({ ok: false, error: 'timed out after 200 ms' });
    expect(await probe.check({ ...req('/'), url: 'http://127.0.0.1:1/' })).toMatchObject({ ok: false, error: 'ECONNREFUSED' });
  });
});
