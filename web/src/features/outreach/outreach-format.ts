/**
 * Pure helpers of the outreach pages: the Taipei month a calendar shows as UTC bounds, activities
 * grouped by their Taipei day, and the one line that sums up an activity's own fields.
 */
import type { Activity } from './outreach.api.ts';

const TAIPEI_MS = 8 * 3_600_000;
const pad2 = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DD` of an instant in Taipei. */
export function taipeiDayOf(iso: string): string {
  return new Date(Date.parse(iso) + TAIPEI_MS).toISOString().slice(0, 10);
}

/** The UTC bounds of the Taipei month `YYYY-MM` (`to` exclusive), with a week's margin each side for the calendar's spill-over days. */
export function calendarWindow(month: string): { from: string; to: string } {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const start = Date.UTC(year, m - 1, 1) - TAIPEI_MS;
  const end = Date.UTC(year, m, 1) - TAIPEI_MS;
  return { from: new Date(start - 7 * 86_400_000).toISOString(), to: new Date(end + 14 * 86_400_000).toISOString() };
}

/** The Taipei month `YYYY-MM` of a day `YYYY-MM-DD`. */
export const monthOf = (day: string): string => day.slice(0, 7);

/** Activities by Taipei day, each day's in time order. */
export function byTaipeiDay(activities: readonly Activity[]): Map<string, Activity[]> {
  const out = new Map<string, Activity[]>();
  for (const a of [...activities].sort((x, y) => Date.parse(x.startsAt) - Date.parse(y.startsAt))) {
    const day = taipeiDayOf(a.startsAt);
    out.set(day, [...(out.get(day) ?? []), a]);
  }
  return out;
}

/** `HH:mm` in Taipei. */
export function taipeiTime(iso: string): string {
  const d = new Date(Date.parse(iso) + TAIPEI_MS);
  return `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
}

/** The sum of audiences, unknown ones left out. */
export function totalAudience(activities: readonly Pick<Activity, 'audienceCount'>[]): number {
  return activities.reduce((sum, a) => sum + (a.audienceCount ?? 0), 0);
}

/** A readable size: 1.5 MB, 320 KB. */
export function fileSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}
