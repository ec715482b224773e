import { describe, expect, it } from 'vitest';
import { scoreAnswer, type ScoreInput } from './scoring';

const speed: ScoreInput = {
  scoring: 'speed',
  points: 'standard',
  fraction: 1,
  answered: true,
  elapsedMs: 0,
  limitMs: 20_000,
  streakBefore: 0,
  accuracyPoints: 100,
  negativePoints: 0,
};

describe('scoreAnswer', () => {
  // Hand-computed: P × (1 − elapsed/limit/2), rounded, + min(100 × (streak − 1), 500).
  it.each([
    ['instant, first correct', { elapsedMs: 0 }, 1000, 1],
    ['half the time', { elapsedMs: 10_000 }, 750, 1],
    ['at the deadline', { elapsedMs: 20_000 }, 500, 1],
    ['rounds half up: 1000 × (1 − 3333/20000/2)', { elapsedMs: 3333 }, 917, 1],
    ['double points, 5 s of 20', { points: 'double', elapsedMs: 5000 }, 1750, 1],
    ['second in a row: +100', { elapsedMs: 10_000, streakBefore: 1 }, 850, 2],
    ['fifth in a row: +400', { elapsedMs: 10_000, streakBefore: 4 }, 1150, 5],
    ['sixth in a row: +500 cap', { elapsedMs: 10_000, streakBefore: 5 }, 1250, 6],
    ['tenth in a row stays at +500', { elapsedMs: 0, streakBefore: 9 }, 1500, 10],
    ['late clock skew clamps to the limit', { elapsedMs: 25_000 }, 500, 1],
    ['wrong resets the streak', { fraction: 0, streakBefore: 4 }, 0, 0],
    ['unanswered resets the streak', { fraction: 0, answered: false, streakBefore: 2 }, 0, 0],
    ['no-points question keeps the streak', { points: 'none', streakBefore: 3 }, 0, 3],
    ['no-points question wrong keeps the streak', { points: 'none', fraction: 0, streakBefore: 3 }, 0, 3],
  ] as const)('speed: %s', (_, patch, points, streak) => {
    expect(scoreAnswer({ ...speed, ...patch })).toEqual({ points, streak });
  });

  it.each([
    ['correct', {}, 100, 1],
    ['correct, slow: time does not matter', { elapsedMs: 19_999 }, 100, 1],
    ['double', { points: 'double' }, 200, 1],
    ['no streak bonus in accuracy mode', { streakBefore: 7 }, 100, 8],
    ['wrong with negative marking', { fraction: 0, negativePoints: 50 }, -50, 0],
    ['wrong on a double question with negative marking', { fraction: 0, negativePoints: 50, points: 'double' }, -100, 0],
    ['unanswered is not penalised', { fraction: 0, answered: false, negativePoints: 50 }, 0, 0],
    ['partial 2/3', { fraction: 2 / 3 }, 67, 0],
  ] as const)('accuracy: %s', (_, patch, points, streak) => {
    expect(scoreAnswer({ ...speed, scoring: 'accuracy', ...patch })).toEqual({ points, streak });
  });

  it('pays partial credit in speed mode without a streak bonus', () => {
    // 1000 × (1 − 4000/20000/2) = 900; × 0.5 = 450; streak broken.
    expect(scoreAnswer({ ...speed, fraction: 0.5, elapsedMs: 4000, streakBefore: 3 })).toEqual({ points: 450, streak: 0 });
  });
});
