// A form built from a command's spec (pure), so `/incident` alone opens a modal to declare
// without the skill drawing one: enum arguments become selects, times date-time pickers,
// everything else text inputs; options are optional inputs. Flags have no input (a filled
// template quotes every answer, and a quoted word is never a flag).
import type { Form, FormInput } from '../../core/card.js';
import type { ArgSpec, CommandSpec } from '../../core/skill.js';

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function input(id: string, a: Omit<ArgSpec, 'name'>, optional: boolean): FormInput {
  const label = capitalise(a.description || id);
  if (a.kind === 'enum' && a.choices?.length) return { type: 'select', id, label, optional, options: a.choices.map((c) => ({ label: c, value: c })) };
  if (a.kind === 'time') return { type: 'datetime', id, label, optional };
  return { type: 'text', id, label, optional, placeholder: a.kind === 'duration' ? 'e.g. 30m, 4h, 2d' : a.kind === 'person' ? '@person' : undefined };
}

/** The form for `spec`: one input per argument and option; submitting runs the command. */
export function formForSpec(spec: CommandSpec): Form {
  const inputs: FormInput[] = [];
  const parts = [spec.command, ...(spec.sub ? [spec.sub] : [])];
  for (const a of spec.args ?? []) {
    inputs.push(input(a.name, a, a.required === false));
    parts.push(`{${a.name}}`);
  }
  for (const o of spec.options ?? []) {
    const id = inputs.some((i) => i.id === o.key) ? `opt_${o.key}` : o.key;
    inputs.push(input(id, o, !o.required));
    parts.push(`${o.key}:{${id}}`);
  }
  const verb = capitalise(spec.sub ?? spec.command);
  return { title: spec.sub ? `${verb} ${spec.command}` : verb, submitLabel: verb, command: parts.join(' '), inputs };
}
