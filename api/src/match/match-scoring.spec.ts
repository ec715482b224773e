import { describe, expect, it } from 'vitest';
import { answerPoints, places, rankingPoints } from './match-scoring';

describe('match scoring', () => {
  it('pays a right answer 20 at once, down to 10 at the deadline; a wrong one nothing', () => {
    expect(answerPoints(true, 0, 15_000)).toBe(20);
    expect(answerPoints(true, 3_000, 15_000)).toBe(18); // 10 + 10 × 12/15
    expect(answerPoints(true, 7_500, 15_000)).toBe(15);
    expect(answerPoints(true, 14_000, 15_000)).toBe(11); // 10.67 rounds up
    expect(answerPoints(true, 15_000, 15_000)).toBe(10);
    expect(answerPoints(false, 1_000, 15_000)).toBe(0);
    // Clock edges never leave 10–20.
    expect(answerPoints(true, 20_000, 15_000)).toBe(10);
    expect(answerPoints(true, -5, 15_000)).toBe(20);
  });

  it('places by score with shared places, forfeits last', () => {
    expect(places([{ score: 40, forfeited: false }, { score: 55, forfeited: false }])).toEqual([2, 1]);
    expect(places([20, 20, 15, 0].map((score) => ({ score, forfeited: false })))).toEqual([1, 1, 3, 4]);
    expect(
      places([
        { score: 90, forfeited: true },
        { score: 10, forfeited: false },
        { score: 30, forfeited: true },
        { score: 10, forfeited: false },
      ]),
    ).toEqual([3, 1, 4, 1]);
  });

  it('gives the rankings 10 per right answer and 10 for first place', () => {
    expect(rankingPoints(4, 1, false)).toBe(50);
    expect(rankingPoints(4, 2, false)).toBe(40);
    expect(rankingPoints(0, 1, false)).toBe(10);
    expect(rankingPoints(3, 1, true)).toBe(30);
  });
});
