// Helpers of the standup and briefing tests: the shipped config with its `standups:` and
// `briefings:` replaced (and a team added), and a way to walk the fake clock through a day so
// every recurring occurrence on the way is seen by the scheduler.
import { readFileSync } from 'node:fs';
import { parseConfigText, type Config } from '../../../src/core/config/index.js';
import type { ConsoleHarness } from '../../helpers/console-app.js';

/** The SRE team of the tests: Alice in Berlin, Bob in London, Dave in New York. */
export const SRE_TEAM = `  - id: sre
    name: SRE
    timezone: Europe/Berlin
    members: [alice, bob, dave]
`;

export const SRE_STANDUP = `standups:
  - id: sre-daily
    team: sre
    days: [mon, tue, wed, thu, fri]
    prompt: "09:30"
    summary: "12:00"
    reminder_before: 30m
`;

/** The shipped config with the rituals replaced by this YAML and `extraTeams` added to `teams:`. */
export function withRituals(ritualsYaml: string, opts: { extraTeams?: string; replace?: [string | RegExp, string][] } = {}): Config {
  let text = readFileSync('config/switchboard.yaml', 'utf8');
  const start = text.indexOf('\nstandups:\n');
  const end = text.indexOf('\n# ---', text.indexOf('\nbriefings:\n'));
  if (start < 0 || end < 0) throw new Error('standups/briefings sections not found in config/switchboard.yaml');
  text = `${text.slice(0, start)}\n${ritualsYaml.trim()}\n${text.slice(end)}`;
  if (opts.extraTeams) text = text.replace('\nteams:\n', `\nteams:\n${opts.extraTeams}`);
  for (const [from, to] of opts.replace ?? []) {
    const next = text.replace(from, to);
    if (next === text) throw new Error(`config replacement did not apply: ${String(from)}`);
    text = next;
  }
  return parseConfigText(text, {});
}

/** Moves the clock to `iso` in steps (15 min by default), ticking after each; returns all output. */
export async function walkTo(h: ConsoleHarness, iso: string, stepMs = 15 * 60_000): Promise<string> {
  const target = Date.parse(iso);
  let out = '';
  while (h.clock.now().getTime() < target) {
    out += await h.advance(Math.min(stepMs, target - h.clock.now().getTime()));
  }
  return out;
}

/** The messages printed to one console channel (or `DM to @x`), each as its text. */
export function printed(out: string, header: string): string[] {
  const parts = out.split(/^── /m).slice(1);
  return parts.filter((p) => p.startsWith(`${header} · `) || p.startsWith(`${header} (`)).map((p) => p.slice(p.indexOf('──\n') + 3));
}

/** The standup prompts and reminders DMed to a person (other skills DM too: handoffs, changes). */
export function standupDms(out: string, personId: string): string[] {
  return printed(out, `DM to @${personId}`).filter((m) => /^(📝 Standup|⏰ Standup reminder) · /.test(m));
}
