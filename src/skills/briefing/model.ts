// The briefing's one record: a scheduled occurrence that was posted, so it is posted once even
// when a restart or a retry runs its job again.
import { z } from 'zod';
import { MessageRefSchema } from '../../core/types.js';

export const RunSchema = z.object({
  /** `<briefing>:<occurrence ISO>`. */
  id: z.string(),
  briefingId: z.string(),
  occurrence: z.string(),
  postedAt: z.string(),
  refs: z.array(MessageRefSchema),
});
export type Run = z.infer<typeof RunSchema>;

export const runId = (briefingId: string, occurrence: Date): string => `${briefingId}:${occurrence.toISOString()}`;
