// Discord payloads → neutral input (pure): an application command's options → the command
// text the grammar reads, a select's value into its command, a modal's answers by input id,
// `!ops …` messages → command text, and who/where from any interaction.
import type {
  APIApplicationCommandInteractionDataOption,
  APIChatInputApplicationCommandInteractionData,
  APIInteraction,
  APIUser,
  ModalSubmitComponent,
  APIModalSubmission,
} from 'discord.js';
import { quote } from '../../core/command.js';
import type { ChannelRef } from '../../core/types.js';
import { OPS_COMMAND, OPTION, type Catalog } from './command-defs.js';

export type CommandText = { ok: true; text: string } | { ok: false; message: string };

type OptionValue = string | number | boolean;

function values(options: readonly APIApplicationCommandInteractionDataOption[] | undefined): Map<string, OptionValue> {
  const out = new Map<string, OptionValue>();
  for (const o of options ?? []) if ('value' in o && o.value !== undefined) out.set(o.name, o.value);
  return out;
}

/** A word the tokenizer reads back as itself, quoted only when it has to be. */
const word = (v: string): string => (/^[^\s"“”„\\:<>]+$/.test(v) ? v : quote(v));

/** The command text of a slash command, built from the same bindings that defined it. */
export function commandText(data: APIChatInputApplicationCommandInteractionData, catalog: Catalog): CommandText {
  const stale = { ok: false as const, message: `/${data.name} is out of date here; an admin should run \`npm run discord:register\`. Meanwhile use \`/ops\` with the command as text.` };
  if (data.name === OPS_COMMAND) {
    const v = values(data.options).get('command');
    return typeof v === 'string' && v.trim() ? { ok: true, text: v } : { ok: false, message: 'Type a command after /ops, e.g. `/ops help`.' };
  }
  const binding = catalog.get(data.name);
  if (!binding) return stale;
  const first = data.options?.[0];
  const isSub = first?.type === OPTION.subcommand;
  const sub = binding.subs.get(isSub ? first.name : '');
  if (!sub) return stale;
  const given = values(isSub && 'options' in first ? first.options : data.options);
  const parts = [sub.prefix];
  const options: string[] = [];
  const flags: string[] = [];
  for (const p of sub.params) {
    const v = given.get(p.option);
    if (v === undefined || v === '') continue;
    if (p.source === 'flag') {
      if (v === true) flags.push(p.key);
    } else if (p.source === 'option') {
      options.push(`${p.key}:${quote(String(v))}`);
    } else if (p.kind === 'person') {
      parts.push(/^\d+$/.test(String(v)) ? `<@${v}>` : word(String(v)));
    } else {
      // Quoted, so a title word never reads as an option or a flag.
      parts.push(p.kind === 'int' ? String(v) : quote(String(v)));
    }
  }
  return { ok: true, text: [...parts, ...options, ...flags].join(' ') };
}

/** A select's command with `{value}` replaced by the chosen value. */
export function selectCommand(template: string, value: string): string {
  return template.split('{value}').join(word(value));
}

/** A modal's answers by input id (Label-wrapped inputs and legacy action rows alike). */
export function modalValues(data: APIModalSubmission): Record<string, string> {
  const out: Record<string, string> = {};
  const take = (c: ModalSubmitComponent | undefined) => {
    if (!c || typeof c !== 'object' || typeof c.custom_id !== 'string') return;
    if ('value' in c && typeof c.value === 'string') out[c.custom_id] = c.value;
    else if ('values' in c && Array.isArray(c.values)) out[c.custom_id] = c.values.map(String).join(' ');
  };
  for (const row of data.components ?? []) {
    if ('component' in row) take(row.component);
    else if ('components' in row && Array.isArray(row.components)) for (const c of row.components) take(c);
  }
  return out;
}

const OPS_PREFIX = /^!ops(?:\s+|$)([\s\S]*)$/i;

/** The command in a `!ops <command>` message, or undefined for any other message. */
export function messageCommand(content: string): string | undefined {
  const m = OPS_PREFIX.exec(content.trim());
  if (!m) return undefined;
  return m[1].trim() || 'help';
}

const THREAD_TYPES = new Set([10, 11, 12]);

/**
 * A Discord channel as the core models places: a thread is `{ id: its parent, threadId: the
 * thread }` (as a Slack thread is), so an incident opened as a thread in #incidents is known
 * to be announced there, and a command typed in the thread finds its incident.
 */
export function channelRef(ch: { id: string; type?: number; parent_id?: string | null }): ChannelRef {
  return ch.type !== undefined && THREAD_TYPES.has(ch.type) && ch.parent_id ? { platform: 'discord', id: ch.parent_id, threadId: ch.id } : { platform: 'discord', id: ch.id };
}

/** The user behind an interaction (a member's user in servers, the user in DMs). */
export function interactionUser(i: APIInteraction): APIUser | undefined {
  return i.member?.user ?? i.user;
}

export const displayName = (u: Pick<APIUser, 'username' | 'global_name'>): string => u.global_name || u.username;

/** Emoji names the skills listen for (`pushpin`), from Discord's unicode emoji. */
const EMOJI_NAMES: Record<string, string> = { '📌': 'pushpin', '✅': 'white_check_mark', '👀': 'eyes', '👍': 'thumbsup', '🔥': 'fire' };
export const emojiName = (name: string | null | undefined): string => (name ? (EMOJI_NAMES[name] ?? name) : '');
