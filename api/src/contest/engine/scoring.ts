// The one scoring rule of the live contest (and of practice matches).
// speed:    a correct answer earns round(P × (1 − elapsed / limit / 2)) with P = 1000 (standard),
//           2000 (double) or 0 (no points), plus a streak bonus of +100 for each consecutive
//           correct answer after the first, at most +500 (Kahoot's published rule).
// accuracy: a correct answer earns the contest's fixed points (doubled on double questions).
// A wrong answer earns nothing, or loses `negativePoints` when negative marking is on.
// Partial credit (multiple choice only) pays the fraction of the full points and keeps no streak.
import type { PointsMode, ScoringMode } from '@dangshi/protocol';

export const SPEED_BASE_POINTS = 1000;
export const STREAK_STEP = 100;
export const STREAK_MAX_BONUS = 500;

const MULTIPLIER: Record<PointsMode, number> = { none: 0, standard: 1, double: 2 };

export interface ScoreInput {
  scoring: ScoringMode;
  points: PointsMode;
  /** 1 right, 0 wrong or unanswered; between for partial credit. */
  fraction: number;
  answered: boolean;
  elapsedMs: number;
  limitMs: number;
  /** Consecutive fully correct answers before this one. */
  streakBefore: number;
  accuracyPoints: number;
  negativePoints: number;
}

export interface ScoreOutput {
  points: number;
  streak: number;
}

export function scoreAnswer(input: ScoreInput): ScoreOutput {
  const multiplier = MULTIPLIER[input.points];
  // A no-points question neither pays nor breaks a streak: it is a warm-up, not a test.
  if (multiplier === 0) return { points: 0, streak: input.streakBefore };
  const fullyCorrect = input.fraction >= 1;
  const streak = fullyCorrect ? input.streakBefore + 1 : 0;
  if (input.fraction <= 0) {
    const penalty = input.answered ? input.negativePoints * multiplier : 0;
    return { points: penalty > 0 ? -penalty : 0, streak };
  }
  let base: number;
  if (input.scoring === 'speed') {
    const elapsed = Math.min(Math.max(input.elapsedMs, 0), input.limitMs);
    base = SPEED_BASE_POINTS * multiplier * (1 - elapsed / input.limitMs / 2);
  } else {
    base = input.accuracyPoints * multiplier;
  }
  const bonus = input.scoring === 'speed' && fullyCorrect ? Math.min(STREAK_STEP * (streak - 1), STREAK_MAX_BONUS) : 0;
  return { points: Math.round(base * input.fraction) + bonus, streak };
}
