// What Discord refuses with `400 Invalid Form Body`, checked by the fake on every message, edit,
// follow-up and interaction response, so every test also proves the adapter stays within
// Discord's documented limits — a body past one would fail at the fake as it would at Discord.
const EMBED_TOTAL = 6000;

/** The problems of a message body (content, embeds, components, allowed_mentions). */
export function messageProblems(body: any): string[] {
  const out: string[] = [];
  if (!body || typeof body !== 'object') return out;
  if (typeof body.content === 'string' && body.content.length > 2000) out.push(`content: ${body.content.length} > 2000`);
  const embeds: any[] = body.embeds ?? [];
  if (embeds.length > 10) out.push(`embeds: ${embeds.length} > 10`);
  let total = 0;
  embeds.forEach((e, i) => {
    const at = `embeds[${i}]`;
    if ((e.title?.length ?? 0) > 256) out.push(`${at}.title > 256`);
    if ((e.description?.length ?? 0) > 4096) out.push(`${at}.description > 4096`);
    if ((e.footer?.text?.length ?? 0) > 2048) out.push(`${at}.footer > 2048`);
    if ((e.fields?.length ?? 0) > 25) out.push(`${at}.fields: ${e.fields.length} > 25`);
    for (const f of e.fields ?? []) {
      if (!f.name || f.name.length > 256) out.push(`${at}.field name "${String(f.name).slice(0, 20)}"`);
      if (!f.value || f.value.length > 1024) out.push(`${at}.field "${f.name}" value of ${f.value?.length ?? 0}`);
    }
    total += (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text?.length ?? 0) + (e.fields ?? []).reduce((n: number, f: any) => n + (f.name?.length ?? 0) + (f.value?.length ?? 0), 0);
  });
  if (total > EMBED_TOTAL) out.push(`embeds: ${total} characters > ${EMBED_TOTAL}`);
  out.push(...componentProblems(body.components ?? []));
  return out;
}

function componentProblems(rows: any[]): string[] {
  const out: string[] = [];
  if (rows.length > 5) out.push(`components: ${rows.length} rows > 5`);
  const ids = new Set<string>();
  rows.forEach((row, r) => {
    const items: any[] = row.components ?? [];
    if (items.length > 5) out.push(`row ${r}: ${items.length} > 5`);
    if (items.some((c) => c.type !== 2) && items.length > 1) out.push(`row ${r}: a select shares its row`);
    for (const c of items) {
      if (c.custom_id !== undefined) {
        if (c.custom_id.length > 100) out.push(`custom_id of ${c.custom_id.length} > 100`);
        if (ids.has(c.custom_id)) out.push(`custom_id "${c.custom_id}" twice`);
        ids.add(c.custom_id);
      }
      if ((c.label?.length ?? 0) > 80) out.push(`label of ${c.label.length} > 80`);
      if (c.options && (c.options.length > 25 || c.options.length < 1)) out.push(`select of ${c.options.length} options`);
      for (const o of c.options ?? []) if (o.label.length > 100 || o.value.length > 100) out.push(`select option "${o.value.slice(0, 20)}" too long`);
      if ((c.placeholder?.length ?? 0) > 150) out.push(`placeholder > 150`);
    }
  });
  return out;
}

/** The problems of a modal (title, at most 5 labelled inputs, select sizes). */
export function modalProblems(data: any): string[] {
  const out: string[] = [];
  if (!data.title || data.title.length > 45) out.push(`modal title of ${data.title?.length ?? 0}`);
  if ((data.custom_id?.length ?? 0) > 100) out.push('modal custom_id > 100');
  const items: any[] = data.components ?? [];
  if (items.length < 1 || items.length > 5) out.push(`modal of ${items.length} inputs`);
  for (const l of items) {
    if ((l.label?.length ?? 0) > 45) out.push(`input label "${l.label}" > 45`);
    const c = l.component ?? {};
    if (c.options && (c.options.length > 25 || c.options.length < 1)) out.push(`modal select "${l.label}" of ${c.options.length} options`);
    if ((c.placeholder?.length ?? 0) > 100) out.push(`input placeholder > 100`);
    if ((c.value?.length ?? 0) > 4000 || (c.max_length ?? 0) > 4000) out.push('input value > 4000');
  }
  return out;
}

/** The problems of an interaction's initial response. */
export function responseProblems(body: any): string[] {
  if (body?.type === 9) return modalProblems(body.data ?? {});
  if (body?.type === 4 || body?.type === 7) return messageProblems(body.data ?? {});
  return [];
}
