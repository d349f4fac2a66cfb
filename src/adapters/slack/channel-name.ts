// Slack channel names (pure): lowercase letters, digits, `-` and `_`, at most 80 characters.
// A name that starts with an id (`inc-42-…`) always keeps it; the slug after it is what gets
// shortened, and a suffix for `name_taken` (`-2`, `-3`, …) is fitted in the same way.
import { LIMITS } from './limits.js';

/** Letters with accents lose them, everything else outside [a-z0-9_-] becomes `-`. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '');
}

/** A valid, unique-able Slack channel name for `desired`; `attempt` ≥ 2 appends `-<attempt>`. */
export function slackChannelName(desired: string, attempt = 1): string {
  const slug = slugify(desired) || 'channel';
  const suffix = attempt > 1 ? `-${attempt}` : '';
  const idPrefix = /^[a-z]+-\d+/.exec(slug)?.[0] ?? '';
  const room = LIMITS.channelName - suffix.length;
  if (slug.length <= room) return slug + suffix;
  if (idPrefix.length >= room) return idPrefix.slice(0, room) + suffix;
  const rest = slug.slice(idPrefix.length, room).replace(/[-_]+$/, '');
  return (idPrefix + rest || idPrefix) + suffix;
}
