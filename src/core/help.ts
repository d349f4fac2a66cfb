// `help` and `<command> help`, generated from the command specs so they never drift.
import { card, context, divider, fields, text, type Block, type Reply } from './card.js';
import type { CommandSpec, Skill } from './skill.js';

/** The list of every command, grouped by skill; `help <command>` narrows to one command. */
export function overviewHelp(skills: readonly Skill[], only: string | undefined, byCommand: Map<string, CommandSpec[]>): Reply {
  if (only && byCommand.has(only)) return commandHelp(only, byCommand.get(only)!);
  const blocks: Block[] = [];
  if (only) blocks.push(text(`⚠️ There is no command "${only.slice(0, 40)}".`));
  for (const s of skills) {
    if (s.commands.length === 0) continue;
    blocks.push(text(`**${s.id}** — ${s.description}`));
    blocks.push(text(s.commands.map((c) => `\`${c.usage}\``).join('\n')));
  }
  blocks.push(divider());
  blocks.push(context('Type `<command> help` for details and examples. Times: 2026-11-21T14:00, now, +2h, today 14:00, tomorrow 09:00. People: a mention or @id.'));
  return { card: card('Switchboard commands', blocks, 'info'), ephemeral: true };
}

/** Usage, description and examples of each subcommand of one command. */
export function commandHelp(command: string, specs: CommandSpec[], focus?: CommandSpec): Reply {
  const list = focus ? [focus] : specs;
  const blocks: Block[] = [];
  for (const s of list) {
    blocks.push(text(`\`${s.usage}\`\n${s.summary}`));
    const details = [
      ...(s.args ?? []).map((a) => ({ label: `<${a.name}>`, value: a.description })),
      ...(s.options ?? []).map((o) => ({ label: `${o.key}:`, value: o.description })),
      ...(s.flags ?? []).map((f) => ({ label: f.name, value: f.description })),
    ];
    if (focus && details.length) blocks.push(fields(details.map((d) => ({ ...d, short: false }))));
    if (s.examples.length) blocks.push(context(s.examples.map((e) => `e.g. \`${e}\``).join('\n')));
    if (s.permission) blocks.push(context(`Needs the \`${s.permission}\` permission.`));
  }
  return { card: card(`Help: ${command}`, blocks, 'info'), ephemeral: true };
}
