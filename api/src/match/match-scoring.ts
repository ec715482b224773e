// The scoring rules of a practice match, each in one place (documented in protocol/README.md):
// points per answer on the match screen, places, and the points a match adds to the rankings.
import { MATCH_POINTS_PER_CORRECT, MATCH_WIN_BONUS } from '@dangshi/protocol';

/**
 * Match points of one answer: a right answer scores round(10 + 10 × remaining / limit), from 20
 * (instant) down to 10 (at the buzzer); a wrong or missing answer scores 0. A right answer is
 * always worth more than speed alone, so knowing beats guessing fast.
 */
export function answerPoints(correct: boolean, elapsedMs: number, limitMs: number): number {
  if (!correct) return 0;
  const remaining = Math.min(limitMs, Math.max(0, limitMs - elapsedMs));
  return Math.round(10 + (10 * remaining) / limitMs);
}

export interface Placeable {
  score: number;
  forfeited: boolean;
}

/**
 * Places by score, ties sharing a place (20, 20, 15 → 1, 1, 3). A player who forfeited comes
 * after everyone still playing, whatever their score.
 */
export function places(players: readonly Placeable[]): number[] {
  const ahead = (a: Placeable, b: Placeable) => (a.forfeited !== b.forfeited ? !a.forfeited : a.score > b.score);
  return players.map((p) => 1 + players.filter((other) => ahead(other, p)).length);
}

/** Ranking points of a match (before the daily practice cap): per right answer, plus a win. */
export function rankingPoints(correct: number, place: number, forfeited: boolean): number {
  return correct * MATCH_POINTS_PER_CORRECT + (place === 1 && !forfeited ? MATCH_WIN_BONUS : 0);
}
