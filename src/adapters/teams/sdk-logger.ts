// The Teams SDK logs through its own ILogger (to the console by default). This bridge sends
// its lines to our JSON logger instead, so they are levelled, structured and scrubbed of secrets.
import type { AppOptions } from '@microsoft/teams.apps';
import type { Logger } from '../../core/ports.js';

type ILogger = NonNullable<AppOptions<never>['logger']>;
type LogLevel = 'error' | 'warn' | 'info' | 'debug' | 'trace';

const describe = (v: unknown): unknown => {
  if (v instanceof Error) return { message: v.message, name: v.name };
  if (typeof v === 'string') return v.length > 500 ? `${v.slice(0, 500)}…` : v;
  return v;
};

export function sdkLogger(log: Logger, name = 'teams-sdk'): ILogger {
  const emit = (level: LogLevel, msgs: unknown[]) => {
    const [first, ...rest] = msgs;
    const text = typeof first === 'string' ? first : 'teams sdk';
    const detail = (typeof first === 'string' ? rest : msgs).map(describe);
    const obj = { sdk: name, ...(detail.length ? { detail } : {}) };
    // The SDK's errors are about requests it refused (a bad token from the internet) or calls
    // that failed; our own code logs the failures that matter, so they are warnings here.
    if (level === 'trace' || level === 'debug') log.debug(obj, text);
    else if (level === 'error') log.warn(obj, text);
    else log[level](obj, text);
  };
  return {
    debug: (...m: unknown[]) => emit('debug', m),
    info: (...m: unknown[]) => emit('info', m),
    warn: (...m: unknown[]) => emit('warn', m),
    error: (...m: unknown[]) => emit('error', m),
    trace: (...m: unknown[]) => emit('trace', m),
    log: (level: LogLevel, ...m: unknown[]) => emit(level, m),
    child: (child: string) => sdkLogger(log, `${name}/${child}`),
  };
}
