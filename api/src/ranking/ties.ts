// Competition ranking ("1224"): equal values share a rank and the next rank skips, so two
// members with the same points are both 2nd and nobody is 3rd. Pure.

/**
 * Sorts by `value` descending and gives each item its rank. `order` only orders items that
 * tie (for a stable display), it never separates their ranks.
 */
export function rankDescending<T>(items: readonly T[], value: (item: T) => number, order: (a: T, b: T) => number): { item: T; rank: number }[] {
  const sorted = [...items].sort((a, b) => value(b) - value(a) || order(a, b));
  let rank = 0;
  return sorted.map((item, i) => {
    if (i === 0 || value(sorted[i - 1]) !== value(item)) rank = i + 1;
    return { item, rank };
  });
}
