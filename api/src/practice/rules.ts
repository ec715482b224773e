// The pure rules of practice, kept apart from storage so each is unit-tested on its own.

/**
 * Picks `count` question ids, least-seen first: a member meets every question of the pool once
 * before any repeats. Ties (e.g. all unseen) are broken by the injected random source, so the
 * order is not the bank's order and tests can be deterministic.
 */
export function pickQuestions(pool: readonly string[], seenCount: ReadonlyMap<string, number>, count: number, random: () => number): string[] {
  const keyed = pool.map((id) => ({ id, seen: seenCount.get(id) ?? 0, tie: random() }));
  keyed.sort((a, b) => a.seen - b.seen || a.tie - b.tie);
  return keyed.slice(0, count).map((k) => k.id);
}

/** How many right answers in a row take a question out of the wrong-answer book. */
export const WRONG_BOOK_EXIT_STREAK = 2;

/**
 * The wrong-answer book after one answer to a question: a wrong answer puts it in (or resets its
 * run), a right answer to a question in the book lengthens its run, and the second right answer
 * in a row takes it out (null). A right answer to a question not in the book changes nothing.
 */
export function wrongBookAfter(current: { rightStreak: number } | null, correct: boolean): { rightStreak: number } | null {
  if (!correct) return { rightStreak: 0 };
  if (!current) return null;
  const rightStreak = current.rightStreak + 1;
  return rightStreak >= WRONG_BOOK_EXIT_STREAK ? null : { rightStreak };
}

/**
 * The points an activity records: what it earned, cut to what is left of today's cap. Why a cap:
 * practice and matches go to the same rankings as contests, and hours of them must not drown a
 * contest result. The cap is the organisation's setting (0: they earn no ranking points).
 */
export function cappedPoints(earned: number, alreadyToday: number, cap: number): number {
  return Math.max(0, Math.min(earned, cap - alreadyToday));
}

/** The organisation's local date (YYYY-MM-DD) of an instant. */
export function localDay(t: number, utcOffsetMinutes: number): string {
  return new Date(t + utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
}

/** The organisation's local day of an instant, and the UTC instants [start, end) it spans. */
export function localDayWindow(t: number, utcOffsetMinutes: number): { day: string; start: number; end: number } {
  const day = localDay(t, utcOffsetMinutes);
  const start = Date.parse(`${day}T00:00:00Z`) - utcOffsetMinutes * 60_000;
  return { day, start, end: start + 86_400_000 };
}

/** The day before a YYYY-MM-DD date. */
export function previousDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/** Monday of the week of a YYYY-MM-DD date, and the UTC instant its local midnight is. */
export function weekStart(day: string, utcOffsetMinutes: number): { day: string; at: number } {
  const midnight = Date.parse(`${day}T00:00:00Z`);
  const weekday = (new Date(midnight).getUTCDay() + 6) % 7; // Monday = 0
  const monday = midnight - weekday * 86_400_000;
  return { day: new Date(monday).toISOString().slice(0, 10), at: monday - utcOffsetMinutes * 60_000 };
}

/** The daily-quiz streak after finishing today's quiz: one more if yesterday's was done, else 1. */
export function streakAfter(streak: number, lastDay: string | null, today: string): number {
  if (lastDay === today) return streak;
  return lastDay === previousDay(today) ? streak + 1 : 1;
}
