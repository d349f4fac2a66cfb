// Cron expressions read in a time zone (cron-parser does the DST-correct arithmetic).
import { CronExpressionParser } from 'cron-parser';

/** Why a five-field cron expression is invalid, or undefined when it is valid. */
export function cronProblem(expr: string): string | undefined {
  const parts = expr.trim().split(/\s+/);
  if (parts.length !== 5) return `expected 5 cron fields (minute hour day month weekday), got ${parts.length} in "${expr}"`;
  try {
    CronExpressionParser.parse(expr, { tz: 'UTC' });
    return undefined;
  } catch (e) {
    return `invalid cron expression "${expr}": ${(e as Error).message}`;
  }
}

/** The first occurrence strictly after `after`. */
export function nextOccurrence(expr: string, timezone: string, after: Date): Date {
  return CronExpressionParser.parse(expr, { currentDate: after, tz: timezone }).next().toDate();
}

/** The latest occurrence at or before `at`. */
export function latestOccurrence(expr: string, timezone: string, at: Date): Date | undefined {
  try {
    return CronExpressionParser.parse(expr, { currentDate: new Date(at.getTime() + 1), tz: timezone }).prev().toDate();
  } catch {
    return undefined;
  }
}

/** Occurrences in (from, to], oldest first, at most `limit`. */
export function occurrencesBetween(expr: string, timezone: string, from: Date, to: Date, limit = 1000): Date[] {
  const out: Date[] = [];
  const it = CronExpressionParser.parse(expr, { currentDate: from, endDate: to, tz: timezone });
  while (out.length < limit && it.hasNext()) out.push(it.next().toDate());
  return out;
}
