// Posting a reply to an interaction's response_url. One JSON POST per command, so it uses
// node's own http/https with keep-alive agents: measured on this machine it costs about a
// quarter of the CPU of undici's fetch (which Bolt's respond() uses) — see bench/slack.bench.ts.
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

const httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 64 });
const httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 64 });

/** A poster for one response_url, or undefined when the payload had none (or not an http(s) URL). */
export function responder(responseUrl: string | undefined, timeoutMs = 10_000): ((body: object) => Promise<void>) | undefined {
  if (!responseUrl || !/^https?:\/\//.test(responseUrl)) return undefined;
  return (body) => postJson(responseUrl, body, timeoutMs);
}

/** POSTs JSON; resolves on a 2xx answer, rejects on anything else, a network error or a timeout. */
export function postJson(url: string, body: object, timeoutMs: number): Promise<void> {
  const data = JSON.stringify(body);
  const https = url.startsWith('https:');
  return new Promise((resolve, reject) => {
    const req = (https ? httpsRequest : httpRequest)(
      url,
      { method: 'POST', agent: https ? httpsAgent : httpAgent, timeout: timeoutMs, headers: { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(data) } },
      (res) => {
        res.resume();
        res.on('end', () => ((res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 300 ? resolve() : reject(new Error(`response_url answered ${res.statusCode}`))));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`response_url timed out after ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(data);
  });
}
