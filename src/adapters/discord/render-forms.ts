// Neutral forms → Discord modals, and the question a confirm button asks first (pure).
import { ButtonStyle, ComponentType, TextInputStyle, type APIEmbed, type APIModalInteractionResponseCallbackData } from 'discord.js';
import type { ConfirmDialog, Form } from '../../core/card.js';
import { CustomIdPacker, DISMISS_ID, modalCustomId } from './custom-ids.js';
import { toDiscordMarkdown, toDiscordPlain, truncate, type MentionLookup } from './markdown.js';
import { EPHEMERAL_FLAG, LIMITS, TONE_COLOURS, type Rendered } from './render.js';

/** A form as a Discord modal: each input in a Label, selects as string selects (typed past 25 options), at most 5. */
export function renderModal(form: Form, formActionId: string, people: MentionLookup): APIModalInteractionResponseCallbackData {
  return {
    custom_id: modalCustomId(formActionId),
    title: truncate(toDiscordPlain(form.title, people), LIMITS.modalTitle) || 'Form',
    components: form.inputs.slice(0, LIMITS.modalInputs).map((i) => ({ type: ComponentType.Label, label: truncate(toDiscordPlain(i.label, people), LIMITS.inputLabel) || i.id, component: modalInput(i) })),
  };
}

type FormInput = Form['inputs'][number];

function modalInput(i: FormInput) {
  const base = { custom_id: i.id, required: !i.optional };
  if (i.type === 'select' && i.options.length <= LIMITS.selectOptions) {
    const options = i.options.map((o) => ({ label: truncate(o.label, LIMITS.selectText), value: o.value.slice(0, LIMITS.selectText), default: o.value === i.initial }));
    return { type: ComponentType.StringSelect as const, ...base, min_values: i.optional ? 0 : 1, max_values: 1, options };
  }
  // A modal select holds 25 options; past that the value is typed (the command checks it)
  // rather than the rest silently left out.
  const typedChoice = i.type === 'select';
  const placeholder = typedChoice ? `One of: ${i.options.map((o) => o.value).join(', ')}` : i.type === 'date' ? 'YYYY-MM-DD' : i.type === 'datetime' ? '2026-11-21T14:00, tomorrow 09:00, +2h' : i.placeholder;
  const maxLength = i.type === 'text' ? (i.maxLength ?? LIMITS.inputValue) : typedChoice ? LIMITS.selectText : 100;
  return {
    type: ComponentType.TextInput as const,
    ...base,
    style: i.type === 'text' && i.multiline ? TextInputStyle.Paragraph : TextInputStyle.Short,
    max_length: Math.min(maxLength, LIMITS.inputValue),
    ...(placeholder ? { placeholder: truncate(placeholder, 100) } : {}),
    ...(i.initial ? { value: i.initial.slice(0, typedChoice ? LIMITS.selectText : LIMITS.inputValue) } : {}),
  };
}

/** The question a confirm button asks first, only to the clicker: Confirm runs the command. */
export function renderConfirm(command: string, dialog: ConfirmDialog, people: MentionLookup): Rendered {
  const packer = new CustomIdPacker();
  const confirm = packer.pack({ kind: 'command', command });
  const embed: APIEmbed = { title: truncate(toDiscordPlain(dialog.title, people), LIMITS.title), description: truncate(toDiscordMarkdown(dialog.text, people), LIMITS.description), color: TONE_COLOURS.warning };
  return {
    body: {
      content: '',
      embeds: [embed],
      components: [
        {
          type: ComponentType.ActionRow,
          components: [
            { type: ComponentType.Button, style: ButtonStyle.Danger, label: truncate(dialog.confirm, LIMITS.buttonLabel), custom_id: confirm },
            { type: ComponentType.Button, style: ButtonStyle.Secondary, label: truncate(dialog.deny, LIMITS.buttonLabel), custom_id: DISMISS_ID },
          ],
        },
      ],
      allowed_mentions: { parse: [] },
      flags: EPHEMERAL_FLAG,
    },
    files: [],
    stored: packer.stored,
  };
}
