// The phone's countdown for the current question, from the view and the server-corrected
// clock. Pure, so it is the same on every render and easy to test; the ticking lives in
// player-clock.svelte.ts.
import type { ContestView } from '@dangshi/protocol';

export type CountdownStage = 'reading' | 'answering' | 'over' | 'paused';

export interface Countdown {
  stage: CountdownStage;
  /** Reading: until answers open; otherwise: answer time left. */
  msLeft: number;
  /** What msLeft counts down from (for a progress bar); 0 when unknown (reading time). */
  totalMs: number;
  /** Whole seconds to show; never 0 while time is left, so "0 s" only appears when it is over. */
  secondsLeft: number;
}

function seconds(ms: number): number {
  return Math.max(0, Math.ceil(ms / 1000));
}

export function countdown(view: ContestView, serverNow: number): Countdown | null {
  if (view.phase !== 'question' || view.deadline === undefined || view.answersOpenAt === undefined) return null;
  const answerMs = view.question?.timeLimitMs ?? view.deadline - view.answersOpenAt;
  if (view.paused) {
    // remainingMs includes any reading time left; show the answer time that will remain.
    const left = Math.min(view.remainingMs ?? answerMs, answerMs);
    return { stage: 'paused', msLeft: left, totalMs: answerMs, secondsLeft: seconds(left) };
  }
  if (serverNow < view.answersOpenAt) {
    // The view does not carry the reading length, so there is no bar to fill: totalMs 0.
    const left = view.answersOpenAt - serverNow;
    return { stage: 'reading', msLeft: left, totalMs: 0, secondsLeft: seconds(left) };
  }
  const left = Math.max(0, view.deadline - serverNow);
  return { stage: left > 0 ? 'answering' : 'over', msLeft: left, totalMs: answerMs, secondsLeft: seconds(left) };
}
