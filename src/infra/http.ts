// The one HTTP server (HOST:PORT). Platform adapters mount their routes on `app` (Bolt's
// receiver, the Teams SDK, the Discord interactions endpoint); skills add pages through the
// HttpRoutes port. Health and metrics live here. Errors become 4xx with a JSON body, never a
// stack trace; graceful close stops accepting, finishes in-flight requests, then returns.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Request, type Response, type NextFunction } from 'express';
import type { HttpHandler, HttpRoutes, Logger } from '../core/ports.js';
import type { PromMetrics } from './metrics.js';

export interface HttpServerOptions {
  host: string;
  port: number;
  log: Logger;
  metrics: PromMetrics;
  /** Whether the store accepts writes (for /healthz). */
  storeHealthy: () => Promise<boolean>;
  /** Largest body our own routes accept. */
  bodyLimit?: string;
}

export class HttpServer implements HttpRoutes {
  readonly app = express();
  private server?: Server;
  private readonly adapterStatus = new Map<string, boolean>();
  private finalized = false;
  private readonly requests;

  constructor(private readonly opts: HttpServerOptions) {
    this.app.disable('x-powered-by');
    this.app.set('trust proxy', false);
    this.requests = opts.metrics.counter('switchboard_http_requests_total', 'HTTP requests by route and status class', ['route', 'status']);
    this.app.use((req, res, next) => {
      res.on('finish', () => this.requests.inc({ route: (req.route?.path as string | undefined) ?? 'unmatched', status: `${String(res.statusCode)[0]}xx` }));
      next();
    });
    this.get('/healthz', async () => {
      const store = await opts.storeHealthy().catch(() => false);
      const adapters = Object.fromEntries([...this.adapterStatus].map(([k, v]) => [k, v ? 'connected' : 'disconnected']));
      const ok = store && [...this.adapterStatus.values()].every(Boolean);
      return json(ok ? 200 : 503, { status: ok ? 'ok' : 'unhealthy', store: store ? 'writable' : 'unwritable', adapters });
    });
    this.app.get('/metrics', async (_req, res) => {
      const m = await opts.metrics.text();
      res.set('content-type', m.contentType).send(m.body);
    });
    opts.metrics.gauge('switchboard_adapter_up', 'Whether each platform adapter is connected (1) or not (0)', ['adapter'], () =>
      [...this.adapterStatus].map(([adapter, up]) => ({ labels: { adapter }, value: up ? 1 : 0 })),
    );
  }

  /** Records whether an adapter is connected (for /healthz and /metrics). */
  setAdapterStatus(name: string, connected: boolean): void {
    this.adapterStatus.set(name, connected);
  }

  private mount(method: 'get' | 'post', path: string, handler: HttpHandler): void {
    const body = express.text({ type: () => true, limit: this.opts.bodyLimit ?? '256kb' });
    this.app[method](path, body, async (req: Request, res: Response) => {
      try {
        const out = await handler({
          method: req.method,
          path: req.path,
          params: Object.fromEntries(Object.entries(req.params ?? {}).map(([k, v]) => [k, String(v)])),
          query: Object.fromEntries(Object.entries(req.query ?? {}).map(([k, v]) => [k, Array.isArray(v) ? String(v[0]) : String(v ?? '')])),
          headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v])),
          body: typeof req.body === 'string' ? req.body : '',
        });
        res.status(out.status);
        for (const [k, v] of Object.entries(out.headers ?? {})) res.set(k, v);
        res.send(out.body);
      } catch (e) {
        this.opts.log.error({ err: e, path: req.path }, 'http handler failed');
        if (!res.headersSent) res.status(503).json({ error: 'temporarily unavailable' });
      }
    });
  }

  get(path: string, handler: HttpHandler): void {
    this.mount('get', path, handler);
  }

  post(path: string, handler: HttpHandler): void {
    this.mount('post', path, handler);
  }

  /** Adds the 404 and error handlers; call after every route is mounted. */
  private finalize(): void {
    if (this.finalized) return;
    this.finalized = true;
    this.app.use((_req, res) => {
      res.status(404).json({ error: 'not found' });
    });
    this.app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
      const e = err as { status?: number; statusCode?: number; type?: string; message?: string };
      const status = e.status ?? e.statusCode ?? 500;
      if (status >= 400 && status < 500) {
        if (!res.headersSent) res.status(status).json({ error: e.type === 'entity.too.large' ? 'body too large' : 'bad request' });
        return;
      }
      this.opts.log.error({ err, path: req.path }, 'http request failed');
      if (!res.headersSent) res.status(503).json({ error: 'temporarily unavailable' });
    });
  }

  /** Starts listening; resolves with the bound address (port 0 picks a free port). */
  async listen(): Promise<{ host: string; port: number }> {
    this.finalize();
    const server = createServer(this.app);
    server.keepAliveTimeout = 5000;
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.opts.port, this.opts.host, () => resolve());
    });
    const addr = server.address() as AddressInfo;
    return { host: addr.address, port: addr.port };
  }

  /** Stops accepting connections and waits for in-flight requests. */
  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
      setTimeout(() => server.closeAllConnections(), 5000).unref();
    });
  }
}

export function json(status: number, body: unknown): { status: number; headers: Record<string, string>; body: string } {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(body) };
}
