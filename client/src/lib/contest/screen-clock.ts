// The question clock, computed from the server's timestamps (answersOpenAt, deadline) and the
// server time estimated by the connection, so every screen and phone counts down together.
import type { ContestView } from '@dangshi/protocol';

export type Countdown =
  /** Before answers open: the question is being read. */
  | { kind: 'reading'; secondsLeft: number; paused: boolean }
  /** fraction: share of the answer time still left, 1 → 0. */
  | { kind: 'answering'; secondsLeft: number; fraction: number; paused: boolean }
  | { kind: 'over' };

type ClockFacts = Pick<ContestView, 'phase' | 'paused' | 'answersOpenAt' | 'deadline' | 'remainingMs'>;

export function countdown(view: ClockFacts, serverNow: number): Countdown | null {
  if (view.phase !== 'question' || view.answersOpenAt === undefined || view.deadline === undefined) return null;
  const answerMs = Math.max(1, view.deadline - view.answersOpenAt);
  // Paused: the server froze what was left until the deadline (unused reading time included).
  const untilDeadline = view.paused && view.remainingMs !== undefined ? view.remainingMs : view.deadline - serverNow;
  const paused = view.paused;
  if (untilDeadline > answerMs) {
    return { kind: 'reading', secondsLeft: Math.ceil((untilDeadline - answerMs) / 1000), paused };
  }
  if (untilDeadline > 0) {
    return { kind: 'answering', secondsLeft: Math.ceil(untilDeadline / 1000), fraction: untilDeadline / answerMs, paused };
  }
  return { kind: 'over' };
}
