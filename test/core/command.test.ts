import { describe, expect, it } from 'vitest';
import { fillTemplate, MAX_COMMAND_LENGTH, quote, sanitize, tokenize } from '../../src/core/command.js';
import { UserError } from '../../src/core/errors.js';

const texts = (s: string) => tokenize(s).map((t) => t.text);

describe('tokenize', () => {
  it('splits words and groups double-quoted words', () => {
    expect(texts('incident declare sev2 "Checkout is down" service:api')).toEqual(['incident', 'declare', 'sev2', 'Checkout is down', 'service:api']);
  });

  it('reads key:value and key:"quoted value" as options', () => {
    const t = tokenize('change request Upgrade risk:high rollback:"restore the snapshot" start:+2h');
    expect(t.filter((x) => x.key).map((x) => [x.key, x.value])).toEqual([
      ['risk', 'high'],
      ['rollback', 'restore the snapshot'],
      ['start', '+2h'],
    ]);
  });

  it('does not treat quoted words, URLs or times as options', () => {
    const t = tokenize('"risk:high" https://example.com/x 14:00');
    expect(t.every((x) => x.key === undefined)).toBe(true);
  });

  it('accepts typographic quotes that phones and Teams insert', () => {
    expect(texts('incident note “db is back” ok')).toEqual(['incident', 'note', 'db is back', 'ok']);
  });

  it('keeps escaped quotes inside quotes', () => {
    expect(texts('note "he said \\"hi\\""')).toEqual(['note', 'he said "hi"']);
  });

  it('keeps platform mentions as one token, even with a display name containing spaces', () => {
    expect(texts('incident assign INC-1 commander <@U01BOB0001|Bob Okafor>')).toEqual(['incident', 'assign', 'INC-1', 'commander', '<@U01BOB0001|Bob Okafor>']);
    expect(texts('page <@!310000000000000002> help')).toEqual(['page', '<@!310000000000000002>', 'help']);
  });

  it('refuses an unbalanced quote with a clear message', () => {
    expect(() => tokenize('incident declare sev2 "never closed')).toThrow(UserError);
    expect(() => tokenize('incident declare sev2 "never closed')).toThrow(/quote opened at character 23 is never closed/);
  });

  it('refuses a 10 kB line with its length and the limit', () => {
    const long = 'incident note ' + 'x'.repeat(10_240);
    expect(() => tokenize(long)).toThrow(new RegExp(`limit is ${MAX_COMMAND_LENGTH.toLocaleString('en')}`));
  });

  it('strips control characters and mention sentinels', () => {
    expect(sanitize('inc\u0000ident\u0007 li\u001bst\r\nnow\uE000person:alice\uE001')).toBe('incident list nowperson:alice');
    expect(texts('status\u0000\u0001')).toEqual(['status']);
  });

  it('yields no tokens for blank input', () => {
    expect(tokenize('   \t  ')).toEqual([]);
  });
});

describe('fillTemplate', () => {
  it('quotes answers and drops options left empty', () => {
    const cmd = fillTemplate('incident declare {severity} {title} service:{service}', { severity: 'sev2', title: 'DB "primary" down', service: '' });
    expect(cmd).toBe('incident declare "sev2" "DB \\"primary\\" down"');
    expect(texts(cmd)).toEqual(['incident', 'declare', 'sev2', 'DB "primary" down']);
  });

  it('round-trips through the tokenizer as one word per answer', () => {
    const cmd = fillTemplate('change reject CHG-3 {reason} x:{y}', { reason: 'too risky: no rollback', y: 'a b' });
    const t = tokenize(cmd);
    expect(t[3]).toMatchObject({ text: 'too risky: no rollback', quoted: true });
    expect(t[4]).toMatchObject({ key: 'x', value: 'a b' });
    expect(quote('a\\b')).toBe('"a\\\\b"');
  });
});
