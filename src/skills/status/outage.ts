// Outage notices: a component that goes down by hand or by a monitor gets one subscriber
// message, edited in place until the component is operational again — whatever brings it
// back (a recovery, a manual set, a resolved incident or a finished maintenance).
import type { ComponentChange } from './component-book.js';
import type { NoticeDraft, Notifier } from './notifier.js';
import { STATUS_LABEL } from './rules.js';

/** The component's open outage notice, or a new one opened now. */
export function outageDraft(notifier: Notifier, componentId: string, at: string): NoticeDraft {
  const open = notifier.openOutage(componentId);
  let id = open?.id ?? `outage:${componentId}:${at}`;
  // A closed outage of the same instant keeps its id; the new one gets its own message.
  for (let n = 2; !open && notifier.notices.get(id); n++) id = `outage:${componentId}:${at}:${n}`;
  return { id, kind: 'outage', subject: componentId, componentIds: [componentId] };
}

/**
 * A change made by an incident or a maintenance window adds a line to the component's open
 * outage notice (closing it when the component is operational). Manual and monitor changes
 * tell their own, richer lines.
 */
export async function continueOutage(notifier: Notifier, change: ComponentChange, name: string, incidentLabel: (id: string) => string): Promise<void> {
  const kind = change.source.split(':')[0];
  if (kind !== 'incident' && kind !== 'maintenance') return;
  if (!notifier.openOutage(change.componentId)) return;
  const id = change.source.slice(kind.length + 1);
  const why = kind === 'incident' ? incidentLabel(id) : `maintenance ${id}`;
  const line = `${name} is ${STATUS_LABEL[change.to]} (${why}).`;
  await notifier.tell(outageDraft(notifier, change.componentId, change.at), line, { close: change.to === 'operational' });
}
