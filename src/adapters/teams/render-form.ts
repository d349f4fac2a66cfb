// Neutral forms → Adaptive Card inputs (pure). A form's submit is an Action.Execute whose data
// carries the form's command template; Teams merges the answers into that data under the input
// ids, and the adapter fills the template with them (router.submitForm).
import type { CardElement, IAdaptiveCard, IExecuteAction } from '@microsoft/teams.cards';
import type { Form, FormInput } from '../../core/card.js';
import { formData, INPUT_PREFIX, TIME_SUFFIX } from './action-data.js';
import { escapeTeamsMarkdown, toPlain, type MarkdownContext } from './markdown.js';

const LABEL_MAX = 200;
const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** The Adaptive Card input elements of one form input (a date-time is a date and a time). */
export function renderInput(input: FormInput, ctx: MarkdownContext): CardElement[] {
  const id = `${INPUT_PREFIX}${input.id}`;
  const label = clip(toPlain(input.label, ctx), LABEL_MAX);
  const required = !input.optional;
  const common = { id, label, isRequired: required, ...(required ? { errorMessage: `${label} is required.` } : {}) };
  switch (input.type) {
    case 'text':
      return [
        {
          type: 'Input.Text',
          ...common,
          placeholder: input.placeholder ? clip(toPlain(input.placeholder, ctx), LABEL_MAX) : undefined,
          isMultiline: input.multiline || undefined,
          maxLength: input.maxLength,
          value: input.initial,
        },
      ];
    case 'select':
      return [
        {
          type: 'Input.ChoiceSet',
          ...common,
          style: 'compact',
          value: input.initial,
          choices: input.options.map((o) => ({ title: clip(toPlain(o.label, ctx), LABEL_MAX), value: o.value })),
        },
      ];
    case 'date':
      return [{ type: 'Input.Date', ...common, value: input.initial?.slice(0, 10) }];
    case 'datetime':
      return [
        { type: 'Input.Date', ...common, value: input.initial?.slice(0, 10) },
        {
          type: 'Input.Time',
          id: `${id}${TIME_SUFFIX}`,
          label: `${label} (time)`,
          isRequired: required,
          ...(required ? { errorMessage: `${label} (time) is required.` } : {}),
          value: input.initial?.slice(11, 16) || undefined,
        },
      ];
  }
}

/** The submit button of a form; a stand-alone form is replaced by its answer once submitted. */
export function submitAction(form: Form, standalone: boolean): IExecuteAction {
  return { type: 'Action.Execute', title: clip(form.submitLabel ?? 'Submit', 60), verb: 'switchboard', style: 'positive', data: formData(form.command, standalone) };
}

/** A form as the body of a card (no version: also used inside Action.ShowCard, then not stand-alone). */
export function renderFormCard(form: Form, ctx: MarkdownContext, standalone = false): IAdaptiveCard {
  return {
    type: 'AdaptiveCard',
    body: [{ type: 'TextBlock', text: escapeTeamsMarkdown(clip(toPlain(form.title, ctx), LABEL_MAX)), weight: 'Bolder', size: 'Medium', wrap: true }, ...form.inputs.flatMap((i) => renderInput(i, ctx))],
    actions: [submitAction(form, standalone)],
  };
}
