// Neutral messages → console text: cards as readable text where every button shows the
// command it runs, and forms as a text prompt (the console has no forms).
import type { Form, OutMessage, Reply } from '../../core/card.js';
import { messageToText } from '../../core/text.js';

export function formToText(form: Form): string {
  const lines = [`📝 ${form.title} — the console has no forms; type the command instead:`, `   ${form.command.replace(/\{([a-z0-9_-]+)\}/gi, '<$1>')}`];
  for (const i of form.inputs) {
    const extra = i.type === 'select' ? ` (one of: ${i.options.map((o) => o.value).join(', ')})` : '';
    lines.push(`   <${i.id}>: ${i.label}${i.optional ? ' (optional)' : ''}${extra}`);
  }
  return lines.join('\n');
}

/** The text the console prints for a message or reply. */
export function renderConsole(m: OutMessage | Reply, name: (personId: string) => string): string {
  const parts: string[] = [];
  const body = messageToText(m, { name: (id) => `@${name(id)}`, showCommands: true });
  if (body) parts.push(body);
  if ('form' in m && m.form) parts.push(formToText(m.form));
  if (m.file) parts.push(`----- ${m.file.filename} -----\n${m.file.content.trimEnd()}\n----- end of ${m.file.filename} -----`);
  return parts.join('\n');
}
