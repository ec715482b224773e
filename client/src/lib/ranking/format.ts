// How ranking numbers read: points as whole numbers with thousands separators, averages with
// one decimal, rates as percentages. Pure.
import type { BranchMetric } from '@dangshi/protocol';

export function formatPoints(n: number, lang: 'zh-CN' | 'en' = 'zh-CN'): string {
  return Math.round(n).toLocaleString(lang === 'en' ? 'en-US' : 'zh-CN');
}

export function formatAverage(n: number): string {
  return (Math.round(n * 10) / 10).toFixed(1);
}

export function formatPercent(x: number): string {
  return `${(Math.round(x * 1000) / 10).toFixed(1)}%`;
}

export function formatMetric(metric: BranchMetric, value: number, lang: 'zh-CN' | 'en' = 'zh-CN'): string {
  switch (metric) {
    case 'total':
      return formatPoints(value, lang);
    case 'avgPerMember':
    case 'avgPerParticipant':
      return formatAverage(value);
    case 'participation':
    case 'accuracy':
      return formatPercent(value);
  }
}

/** Bar length 0..1 for a metric value against the best one (rates are already 0..1). */
export function barShare(metric: BranchMetric, value: number, best: number): number {
  if (metric === 'participation' || metric === 'accuracy') return Math.max(0, Math.min(1, value));
  return best > 0 ? Math.max(0, Math.min(1, value / best)) : 0;
}
