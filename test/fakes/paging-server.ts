// A local stand-in for PagerDuty, Opsgenie or a webhook receiver on 127.0.0.1: records every
// request (method, path, headers, raw body) and answers from a script (default 202).
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Recorded {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

export interface Scripted {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

export class FakePagingServer {
  readonly requests: Recorded[] = [];
  private script: Scripted[] = [];
  private server?: Server;
  url = '';

  /** The next responses, in order; after them every request gets 202. */
  respond(...r: Scripted[]): void {
    this.script.push(...r);
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (body += c));
      req.on('end', () => {
        this.requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body, at: performance.now() });
        const r = this.script.shift() ?? { status: 202, body: '{"status":"success"}' };
        res.writeHead(r.status, { 'content-type': 'application/json', ...r.headers });
        res.end(r.body ?? '{}');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  json(i: number): unknown {
    return JSON.parse(this.requests[i].body);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}
