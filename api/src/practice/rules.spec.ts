import { describe, expect, it } from 'vitest';
import { cappedPoints, localDay, localDayWindow, pickQuestions, streakAfter, weekStart, wrongBookAfter } from './rules';

/** A small seeded generator (mulberry32) so every run draws the same. */
function seeded(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('pickQuestions', () => {
  it('never repeats a question until the whole pool has been seen', () => {
    const pool = Array.from({ length: 12 }, (_, i) => `q${i}`);
    const seen = new Map<string, number>();
    const random = seeded(7);
    const days: string[][] = [];
    for (let day = 0; day < 5; day++) {
      const picked = pickQuestions(pool, seen, 5, random);
      expect(new Set(picked).size).toBe(5);
      days.push(picked);
      for (const id of picked) seen.set(id, (seen.get(id) ?? 0) + 1);
    }
    // Days 1–2 give 10 distinct questions; day 3 takes the 2 left, then 3 repeats.
    expect(new Set([...days[0], ...days[1]]).size).toBe(10);
    const unseenBeforeDay3 = pool.filter((id) => !days[0].includes(id) && !days[1].includes(id));
    expect(days[2]).toEqual(expect.arrayContaining(unseenBeforeDay3));
    // After 25 picks from 12 every question is seen 2 or 3 times: least-seen first keeps it even.
    expect(Math.max(...seen.values()) - Math.min(...pool.map((id) => seen.get(id) ?? 0))).toBeLessThanOrEqual(1);
  });

  it('is deterministic for a seed and gives the whole pool when it is smaller than the count', () => {
    const pool = ['a', 'b', 'c'];
    expect(pickQuestions(pool, new Map(), 5, seeded(1))).toEqual(pickQuestions(pool, new Map(), 5, seeded(1)));
    expect(pickQuestions(pool, new Map(), 5, seeded(1)).sort()).toEqual(pool);
    expect(pickQuestions([], new Map(), 5, seeded(1))).toEqual([]);
  });
});

describe('wrongBookAfter', () => {
  it('puts a wrong answer in, and takes it out after two right answers in a row', () => {
    let entry = wrongBookAfter(null, false);
    expect(entry).toEqual({ rightStreak: 0 });
    entry = wrongBookAfter(entry, true);
    expect(entry).toEqual({ rightStreak: 1 });
    entry = wrongBookAfter(entry, false); // a wrong answer resets the run
    expect(entry).toEqual({ rightStreak: 0 });
    entry = wrongBookAfter(entry, true);
    expect(wrongBookAfter(entry, true)).toBeNull();
  });

  it('leaves a question that is not in the book out of it when answered right', () => {
    expect(wrongBookAfter(null, true)).toBeNull();
  });
});

describe('cappedPoints', () => {
  it('records what was earned until the daily cap, then nothing', () => {
    expect(cappedPoints(50, 0, 200)).toBe(50);
    expect(cappedPoints(50, 180, 200)).toBe(20);
    expect(cappedPoints(50, 200, 200)).toBe(0);
    expect(cappedPoints(50, 250, 200)).toBe(0);
    expect(cappedPoints(0, 0, 200)).toBe(0);
  });

  it('follows the cap the organisation set, whatever it is', () => {
    // A low cap cuts the first session already.
    expect(cappedPoints(50, 0, 30)).toBe(30);
    expect(cappedPoints(50, 30, 30)).toBe(0);
    // 0: practice earns no ranking points at all.
    expect(cappedPoints(50, 0, 0)).toBe(0);
    // The highest setting leaves a long day of practice uncut.
    expect(cappedPoints(500, 9_000, 10_000)).toBe(500);
    expect(cappedPoints(500, 9_800, 10_000)).toBe(200);
  });

  it('never records negative points when the cap was lowered below what was already earned', () => {
    // 150 earned under a cap of 200, then the admin set 100: later activities add nothing.
    expect(cappedPoints(40, 150, 100)).toBe(0);
  });
});

describe('days, weeks and streaks', () => {
  it('uses the organisation time zone for the day', () => {
    // 2026-03-01 17:00 UTC is 2026-03-02 01:00 in China.
    expect(localDay(Date.UTC(2026, 2, 1, 17), 480)).toBe('2026-03-02');
    expect(localDay(Date.UTC(2026, 2, 1, 17), 0)).toBe('2026-03-01');
  });

  it('spans the local day from its midnight, in UTC instants', () => {
    // 01:00 on 2 March in China: the day began at 16:00 UTC on 1 March.
    expect(localDayWindow(Date.UTC(2026, 2, 1, 17), 480)).toEqual({ day: '2026-03-02', start: Date.UTC(2026, 2, 1, 16), end: Date.UTC(2026, 2, 2, 16) });
    // 23:59 local is still the same day; the next minute is the next one.
    const lastMinute = Date.UTC(2026, 2, 2, 15, 59);
    expect(localDayWindow(lastMinute, 480).day).toBe('2026-03-02');
    expect(localDayWindow(lastMinute + 60_000, 480).day).toBe('2026-03-03');
    expect(localDayWindow(Date.UTC(2026, 2, 1, 17), -300)).toEqual({ day: '2026-03-01', start: Date.UTC(2026, 2, 1, 5), end: Date.UTC(2026, 2, 2, 5) });
  });

  it('starts the week on Monday at local midnight', () => {
    expect(weekStart('2026-03-04', 480)).toEqual({ day: '2026-03-02', at: Date.UTC(2026, 2, 1, 16) });
    expect(weekStart('2026-03-02', 0).day).toBe('2026-03-02');
    expect(weekStart('2026-03-08', 0).day).toBe('2026-03-02');
  });

  it('counts consecutive days, keeps the same day, and restarts after a gap', () => {
    expect(streakAfter(0, null, '2026-03-02')).toBe(1);
    expect(streakAfter(3, '2026-03-01', '2026-03-02')).toBe(4);
    expect(streakAfter(4, '2026-03-02', '2026-03-02')).toBe(4);
    expect(streakAfter(4, '2026-02-27', '2026-03-02')).toBe(1);
    expect(streakAfter(1, '2026-02-28', '2026-03-01')).toBe(2);
  });
});
