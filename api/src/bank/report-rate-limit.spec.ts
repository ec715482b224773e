import { describe, expect, it } from 'vitest';
import { REPORT_WINDOW_MS, REPORTS_PER_WINDOW, ReportRateLimit } from './report-rate-limit';

describe('report rate limit', () => {
  it('allows the limit per address per window, then refuses until the window has passed', () => {
    const limit = new ReportRateLimit();
    for (let i = 0; i < REPORTS_PER_WINDOW; i += 1) limit.take('10.0.0.1', 1_000 + i);
    expect(() => limit.take('10.0.0.1', 2_000)).toThrow(expect.objectContaining({ code: 'RATE_LIMITED' }));
    // Another address has its own budget.
    expect(() => limit.take('10.0.0.2', 2_000)).not.toThrow();
    expect(() => limit.take('10.0.0.1', 1_000 + REPORT_WINDOW_MS)).not.toThrow();
  });
});
