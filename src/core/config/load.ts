// Reads, substitutes and validates the config file, and turns every problem into one line
// that names its path: `schedules[1].handoff: expected HH:MM, got "9am"`.
import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { configSchema, type Config } from './schema.js';

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`invalid config:\n${problems.join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** `a[1].b` from ['a', 1, 'b']. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out || '(root)';
}

const ENV_RE = /\$\{([A-Z_][A-Z0-9_]*)(?::-([^}]*))?\}/g;

/** Replaces `${NAME}` (required) and `${NAME:-default}` in every string, recording what is missing. */
export function substituteEnv(value: unknown, env: NodeJS.ProcessEnv, path: (string | number)[] = [], problems: string[] = []): unknown {
  if (typeof value === 'string') {
    return value.replace(ENV_RE, (_m, name: string, def: string | undefined) => {
      const v = env[name];
      if (v !== undefined && v !== '') return v;
      if (def !== undefined) return def;
      problems.push(`${formatPath(path)}: environment variable ${name} is not set`);
      return '';
    });
  }
  if (Array.isArray(value)) return value.map((v, i) => substituteEnv(v, env, [...path, i], problems));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = substituteEnv(v, env, [...path, k], problems);
    return out;
  }
  return value;
}

export function formatIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  const lines: string[] = [];
  for (const i of issues) {
    if (i.code === 'unrecognized_keys') {
      for (const k of i.keys) lines.push(`${formatPath([...i.path, k])}: unknown key (check its spelling)`);
      continue;
    }
    if (i.code === 'invalid_union' && i.errors.length > 0) {
      // Report the branch that got furthest: the one with the fewest problems.
      const best = [...i.errors].sort((a, b) => a.length - b.length)[0];
      lines.push(...formatIssues(best.map((e) => ({ ...e, path: [...i.path, ...e.path] }))));
      continue;
    }
    let msg = i.message;
    if (i.code === 'invalid_type' && /received undefined/i.test(msg)) msg = `missing (expected ${i.expected})`;
    lines.push(`${formatPath(i.path)}: ${msg}`);
  }
  return [...new Set(lines)];
}

/** Validates an already-parsed object (env substituted first). Throws ConfigError. */
export function parseConfig(raw: unknown, env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const substituted = substituteEnv(raw ?? {}, env, [], problems);
  if (problems.length) throw new ConfigError(problems);
  const result = configSchema.safeParse(substituted);
  if (!result.success) throw new ConfigError(formatIssues(result.error.issues));
  return result.data;
}

/** Parses YAML text and validates it. Throws ConfigError. */
export function parseConfigText(text: string, env: NodeJS.ProcessEnv = process.env): Config {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length) {
    throw new ConfigError(doc.errors.map((e) => `yaml: ${e.message.split('\n')[0]}${e.linePos ? ` (line ${e.linePos[0].line}, column ${e.linePos[0].col})` : ''}`));
  }
  return parseConfig(doc.toJS({ maxAliasCount: 100 }), env);
}

/** Reads and validates the config file. Throws ConfigError (never a half-valid config). */
export function loadConfigFile(path: string, env: NodeJS.ProcessEnv = process.env): Config {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigError([`${path}: cannot read the config file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`]);
  }
  return parseConfigText(text, env);
}
