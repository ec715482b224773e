import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** One registry per app instance (tests boot several apps in one process). */
export class Metrics {
  readonly registry = new Registry();
  readonly httpRequests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  /** Longest time one reveal spent scoring and ranking every player (the leaderboard compute). */
  readonly leaderboardMsMax = new Gauge({
    name: 'dsc_leaderboard_compute_ms_max',
    help: 'Longest reveal (score and rank all players) in ms since start',
    registers: [this.registry],
  });
  readonly contestsRunning = new Gauge({ name: 'dsc_contests_running', help: 'Live contests in memory', registers: [this.registry] });
  readonly answersAcked = new Counter({ name: 'dsc_answers_acked_total', help: 'Answers committed and acknowledged', registers: [this.registry] });
  /**
   * Heap after a full GC, only when the process runs with --expose-gc (the bench does): a
   * figure without garbage, for heap-per-player. Never forces GC in a normal deployment.
   */
  readonly heapAfterGc = new Gauge({
    name: 'dsc_heap_after_gc_bytes',
    help: 'V8 heap used right after a forced GC (only with --expose-gc)',
    registers: [this.registry],
    collect() {
      const gc = (globalThis as { gc?: () => void }).gc;
      if (!gc) return;
      gc();
      this.set(process.memoryUsage().heapUsed);
    },
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }
}
