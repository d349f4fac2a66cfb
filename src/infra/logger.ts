// JSON-lines logging with pino. Secrets never reach a log line: well-known fields are
// redacted by path, and every secret value we know of (tokens from the environment, keys
// from the config) is scrubbed from any string before the line is written.
import { pino, type Logger as PinoLogger } from 'pino';
import type { Logger } from '../core/ports.js';

export const SECRET_ENV = ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN', 'DISCORD_TOKEN', 'DISCORD_PUBLIC_KEY', 'TEAMS_CLIENT_SECRET'];

const REDACT = [
  'token',
  'secret',
  'password',
  'authorization',
  '*.token',
  '*.secret',
  '*.password',
  '*.authorization',
  '*.routing_key',
  '*.api_key',
  'headers.authorization',
  'req.headers.authorization',
  '*.headers.authorization',
  'headers["x-slack-signature"]',
  '*.headers["x-signature-ed25519"]',
];

export class SecretScrubber {
  private secrets: string[] = [];
  add(values: Array<string | undefined>): void {
    for (const v of values) if (v && v.length >= 6 && !this.secrets.includes(v)) this.secrets.push(v);
    this.secrets.sort((a, b) => b.length - a.length);
  }
  scrub<T>(value: T, depth = 0): T {
    if (this.secrets.length === 0 || depth > 6) return value;
    if (typeof value === 'string') {
      let s: string = value;
      for (const secret of this.secrets) if (s.includes(secret)) s = s.split(secret).join('[REDACTED]');
      return s as T;
    }
    if (Array.isArray(value)) return value.map((v) => this.scrub(v, depth + 1)) as T;
    if (value && typeof value === 'object') {
      if (value instanceof Error) return { message: this.scrub(value.message), stack: this.scrub(value.stack), name: value.name } as T;
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = this.scrub(v, depth + 1);
      return out as T;
    }
    return value;
  }
}

function wrap(p: PinoLogger, scrubber: SecretScrubber): Logger {
  const call = (level: 'debug' | 'info' | 'warn' | 'error') => (obj: object | string, msg?: string) => {
    if (typeof obj === 'string') p[level](scrubber.scrub(obj));
    else p[level](scrubber.scrub(obj), msg === undefined ? undefined : scrubber.scrub(msg));
  };
  return {
    debug: call('debug'),
    info: call('info'),
    warn: call('warn'),
    error: call('error'),
    child: (bindings) => wrap(p.child(bindings), scrubber),
  };
}

export interface LoggerOptions {
  level?: string;
  /** Where lines go (default stdout). */
  destination?: NodeJS.WritableStream;
  scrubber?: SecretScrubber;
}

const LEVELS = new Set(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']);

export function createLogger(opts: LoggerOptions = {}): Logger & { scrubber: SecretScrubber } {
  const level = opts.level && LEVELS.has(opts.level) ? opts.level : 'info';
  const scrubber = opts.scrubber ?? new SecretScrubber();
  const p = pino(
    {
      level,
      base: { app: 'switchboard' },
      redact: { paths: REDACT, censor: '[REDACTED]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: pino.stdSerializers.err },
    },
    opts.destination ?? pino.destination({ dest: 1, sync: true }),
  );
  return Object.assign(wrap(p, scrubber), { scrubber });
}

/** A logger that drops everything (tests). */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLogger,
};
