import { describe, expect, it } from 'vitest';
import { monthStarts, parseDate, windowRange, yearRange } from './windows';

const CST = 480; // UTC+8
const at = (iso: string) => Date.parse(iso);

describe('ranking windows (organisation time zone UTC+8)', () => {
  // Wednesday 13 May 2026, 10:00 in Beijing.
  const now = at('2026-05-13T10:00:00+08:00');

  it('this week runs Monday 00:00 to the next Monday 00:00, local time', () => {
    expect(windowRange('week', now, CST)).toEqual({ from: at('2026-05-11T00:00:00+08:00'), to: at('2026-05-18T00:00:00+08:00') });
    // Sunday 23:30 is still the same week; Monday 00:00 starts the next one.
    expect(windowRange('week', at('2026-05-17T23:30:00+08:00'), CST).from).toBe(at('2026-05-11T00:00:00+08:00'));
    expect(windowRange('week', at('2026-05-18T00:00:00+08:00'), CST).from).toBe(at('2026-05-18T00:00:00+08:00'));
  });

  it('this month, quarter and year follow the local calendar, not UTC', () => {
    expect(windowRange('month', now, CST)).toEqual({ from: at('2026-05-01T00:00:00+08:00'), to: at('2026-06-01T00:00:00+08:00') });
    expect(windowRange('quarter', now, CST)).toEqual({ from: at('2026-04-01T00:00:00+08:00'), to: at('2026-07-01T00:00:00+08:00') });
    expect(windowRange('year', now, CST)).toEqual({ from: at('2026-01-01T00:00:00+08:00'), to: at('2027-01-01T00:00:00+08:00') });
    // 00:30 on 1 June in Beijing is still 31 May in UTC: the month is June.
    expect(windowRange('month', at('2026-06-01T00:30:00+08:00'), CST).from).toBe(at('2026-06-01T00:00:00+08:00'));
    // The fourth quarter ends at the next New Year.
    expect(windowRange('quarter', at('2026-11-20T12:00:00+08:00'), CST)).toEqual({
      from: at('2026-10-01T00:00:00+08:00'),
      to: at('2027-01-01T00:00:00+08:00'),
    });
  });

  it('a custom window includes both of its days', () => {
    expect(windowRange('custom', now, CST, { from: '2026-05-01', to: '2026-05-31' })).toEqual({
      from: at('2026-05-01T00:00:00+08:00'),
      to: at('2026-06-01T00:00:00+08:00'),
    });
    expect(() => windowRange('custom', now, CST, { from: '2026-02-30', to: '2026-03-01' })).toThrow(RangeError);
    expect(parseDate('2024-02-29')).toEqual({ year: 2024, month: 1, day: 29 });
    expect(parseDate('2026-13-01')).toBeNull();
  });

  it('all time and one contest have no time bounds', () => {
    expect(windowRange('all', now, CST)).toEqual({ from: null, to: null });
    expect(windowRange('contest', now, CST)).toEqual({ from: null, to: null });
  });

  it('a year has 13 month starts at local midnight', () => {
    const starts = monthStarts(2026, CST);
    expect(starts).toHaveLength(13);
    expect(starts[0]).toBe(yearRange(2026, CST).from);
    expect(starts[2]).toBe(at('2026-03-01T00:00:00+08:00'));
    expect(starts[12]).toBe(yearRange(2026, CST).to);
  });
});
