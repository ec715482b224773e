// Per-address limit for anonymous 纠错 reports. The app's ThrottlerGuard runs every registered
// throttler on every guarded route, so a second named throttler would also count against the
// login route's budget (and login's against ours); a small fixed-window counter here keeps the
// two apart. Per process: with several nodes an address gets the limit on each, which is enough
// to stop a script flooding the review queue.
import { Injectable } from '@nestjs/common';
import { AppError } from '../common/app-error';

export const REPORTS_PER_WINDOW = 10;
export const REPORT_WINDOW_MS = 60_000;
/** Bounds memory if many addresses report once: old windows are dropped past this many. */
const MAX_TRACKED = 10_000;

@Injectable()
export class ReportRateLimit {
  private readonly windows = new Map<string, { start: number; count: number }>();

  /** Counts one report from `address`; throws RATE_LIMITED past the limit. */
  take(address: string, now = Date.now()): void {
    const window = this.windows.get(address);
    if (!window || now - window.start >= REPORT_WINDOW_MS) {
      if (this.windows.size >= MAX_TRACKED) this.prune(now);
      this.windows.set(address, { start: now, count: 1 });
      return;
    }
    if (window.count >= REPORTS_PER_WINDOW) throw new AppError('RATE_LIMITED');
    window.count += 1;
  }

  private prune(now: number): void {
    for (const [address, window] of this.windows) {
      if (now - window.start >= REPORT_WINDOW_MS) this.windows.delete(address);
    }
    // Every address is still inside its window: forget the oldest rather than grow without end.
    if (this.windows.size >= MAX_TRACKED) this.windows.delete(this.windows.keys().next().value!);
  }
}
