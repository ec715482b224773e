import { describe, expect, it } from 'vitest';
import { barShare, formatMetric, formatPercent } from './format';
import { rankingQuery, windowFromSearch, windowProblem } from './query';

describe('ranking formats', () => {
  it('reads each metric the way the table shows it', () => {
    expect(formatMetric('total', 12345)).toBe('12,345');
    expect(formatMetric('avgPerMember', 216.666)).toBe('216.7');
    expect(formatMetric('avgPerParticipant', 0)).toBe('0.0');
    expect(formatMetric('participation', 2 / 3)).toBe('66.7%');
    expect(formatPercent(1)).toBe('100.0%');
  });

  it('sizes bars against the best value, rates against 100%', () => {
    expect(barShare('total', 50, 200)).toBe(0.25);
    expect(barShare('total', 0, 0)).toBe(0);
    expect(barShare('accuracy', 0.6, 0.9)).toBe(0.6);
  });
});

describe('ranking window in the URL', () => {
  it('round-trips a choice and falls back to this month', () => {
    expect(windowFromSearch(new URLSearchParams('window=custom&from=2026-05-01&to=2026-05-31'))).toEqual({
      kind: 'custom',
      from: '2026-05-01',
      to: '2026-05-31',
      contestId: '',
    });
    expect(windowFromSearch(new URLSearchParams('window=fortnight')).kind).toBe('month');
    expect(rankingQuery({ kind: 'contest', from: 'x', to: 'y', contestId: 'c1' })).toEqual({ window: 'contest', contestId: 'c1' });
    expect(rankingQuery({ kind: 'week', from: 'x', to: 'y', contestId: '' })).toEqual({ window: 'week' });
  });

  it('says what is missing before asking the api', () => {
    expect(windowProblem({ kind: 'custom', from: '2026-05-01', to: '', contestId: '' })).toBe('datesNeeded');
    expect(windowProblem({ kind: 'custom', from: '2026-05-02', to: '2026-05-01', contestId: '' })).toBe('datesOrder');
    expect(windowProblem({ kind: 'contest', from: '', to: '', contestId: '' })).toBe('contestNeeded');
    expect(windowProblem({ kind: 'year', from: '', to: '', contestId: '' })).toBeNull();
  });
});
