import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM helper without types
import { percentiles } from './support.mjs';

describe('percentiles', () => {
  it('takes the nearest-rank value', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentiles(values)).toEqual({ p50: 50, p95: 95, p99: 99 });
    expect(percentiles([7])).toEqual({ p50: 7, p95: 7, p99: 7 });
    expect(percentiles([])).toEqual({ p50: null, p95: null, p99: null });
  });
});
