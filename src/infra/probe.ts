// HTTP health checks for status monitors, with axios: a timeout, a status list, an optional
// body match, a bounded body, and every failure turned into a short reason (never a throw).
import axios, { AxiosError } from 'axios';
import type { HttpProbe, ProbeRequest, ProbeResult } from '../core/ports.js';

const MAX_BODY = 1_000_000;

export class AxiosProbe implements HttpProbe {
  async check(req: ProbeRequest): Promise<ProbeResult> {
    const started = performance.now();
    const ms = () => Math.round(performance.now() - started);
    try {
      const res = await axios.request<string>({
        url: req.url,
        method: req.method,
        timeout: req.timeoutMs,
        responseType: 'text',
        transformResponse: (d: unknown) => d,
        validateStatus: () => true,
        maxRedirects: 3,
        maxContentLength: MAX_BODY,
        headers: { 'user-agent': 'switchboard-monitor/1' },
      });
      if (!req.expectedStatus.includes(res.status)) return { ok: false, status: res.status, ms: ms(), error: `HTTP ${res.status} (expected ${req.expectedStatus.join(' or ')})` };
      if (req.bodyMatch && !String(res.data ?? '').includes(req.bodyMatch)) return { ok: false, status: res.status, ms: ms(), error: `body does not contain "${req.bodyMatch}"` };
      return { ok: true, status: res.status, ms: ms() };
    } catch (e) {
      const err = e as AxiosError;
      const reason = err.code === 'ECONNABORTED' || err.code === 'ETIMEDOUT' ? `timed out after ${req.timeoutMs} ms` : (err.code ?? err.message ?? 'request failed');
      return { ok: false, ms: ms(), error: reason };
    }
  }
}
