// Ranking windows as [from, to) in epoch ms. "This week / month / quarter / year" start at local
// midnight in the organisation's time zone (a fixed offset: China has no daylight saving), weeks
// on Monday as the Chinese calendar counts them. Pure, so the edges are unit-tested.
import type { RankingWindowKind } from '@dangshi/protocol';

const MINUTE = 60_000;
const DAY = 86_400_000;

export interface TimeRange {
  /** Inclusive; null: since the beginning. */
  from: number | null;
  /** Exclusive; null: until now and beyond. */
  to: number | null;
}

interface LocalDay {
  year: number;
  /** 0-based */
  month: number;
  day: number;
  /** 0 = Sunday */
  weekday: number;
}

function localDay(t: number, offsetMinutes: number): LocalDay {
  const d = new Date(t + offsetMinutes * MINUTE);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth(), day: d.getUTCDate(), weekday: d.getUTCDay() };
}

/** Local midnight of a calendar day; month and day may overflow (Date.UTC carries them). */
export function localMidnight(year: number, month: number, day: number, offsetMinutes: number): number {
  return Date.UTC(year, month, day) - offsetMinutes * MINUTE;
}

/** 'YYYY-MM-DD' → its parts, or null when it is not a real date (2026-02-30). */
export function parseDate(text: string): { year: number; month: number; day: number } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]) - 1, Number(m[3])];
  const check = new Date(Date.UTC(year, month, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month || check.getUTCDate() !== day) return null;
  return { year, month, day };
}

/** The window of `kind` that contains `now`; custom uses the inclusive local dates. */
export function windowRange(
  kind: RankingWindowKind,
  now: number,
  offsetMinutes: number,
  dates: { from?: string; to?: string } = {},
): TimeRange {
  const today = localDay(now, offsetMinutes);
  const at = (y: number, m: number, d: number) => localMidnight(y, m, d, offsetMinutes);
  switch (kind) {
    case 'week': {
      const sinceMonday = (today.weekday + 6) % 7;
      const from = at(today.year, today.month, today.day - sinceMonday);
      return { from, to: from + 7 * DAY };
    }
    case 'month':
      return { from: at(today.year, today.month, 1), to: at(today.year, today.month + 1, 1) };
    case 'quarter': {
      const first = today.month - (today.month % 3);
      return { from: at(today.year, first, 1), to: at(today.year, first + 3, 1) };
    }
    case 'year':
      return yearRange(today.year, offsetMinutes);
    case 'custom': {
      const from = dates.from ? parseDate(dates.from) : null;
      const to = dates.to ? parseDate(dates.to) : null;
      if (!from || !to) throw new RangeError('custom window needs two real dates');
      // Both days are inclusive: the window ends at midnight after `to`.
      return { from: at(from.year, from.month, from.day), to: at(to.year, to.month, to.day + 1) };
    }
    case 'all':
    case 'contest':
      return { from: null, to: null };
  }
}

export function yearRange(year: number, offsetMinutes: number): { from: number; to: number } {
  return { from: localMidnight(year, 0, 1, offsetMinutes), to: localMidnight(year + 1, 0, 1, offsetMinutes) };
}

/** The 13 local month starts of a year (Jan 1 … next Jan 1), for month buckets. */
export function monthStarts(year: number, offsetMinutes: number): number[] {
  return Array.from({ length: 13 }, (_, m) => localMidnight(year, m, 1, offsetMinutes));
}

/** The local calendar year `now` falls in. */
export function localYear(now: number, offsetMinutes: number): number {
  return localDay(now, offsetMinutes).year;
}
