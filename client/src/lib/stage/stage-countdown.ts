// The answer clock of an all-answer or tiebreak question, from the server's deadline and the
// server-corrected "now", so the projector and every team device count down together. Pure; the
// ticking lives in ServerClock (lib/contest/screen-ticker.svelte.ts). The live contest's clock
// components draw it: the adapters below speak their types.
import type { Countdown as PhoneCountdown } from '$lib/contest/player-countdown';
import type { Countdown as ScreenCountdown } from '$lib/contest/screen-clock';

export interface StageCountdown {
  /** Whole seconds left; never 0 while time is left, so "0" appears only when it is over. */
  secondsLeft: number;
  /** Share of the answer time still left, 1 → 0 (1 when the full length is unknown). */
  fraction: number;
  over: boolean;
  /** The last five seconds: the clock turns gold. */
  urgent: boolean;
  msLeft: number;
  /** The full answer time when known, else 0. */
  totalMs: number;
}

/** `totalMs` is the round's answer time (its `rules.limitMs`), so a late device draws the same ring. */
export function stageCountdown(deadline: number | null, serverNow: number, totalMs: number | null): StageCountdown | null {
  if (deadline === null) return null;
  const left = Math.max(0, deadline - serverNow);
  const secondsLeft = Math.ceil(left / 1000);
  const fraction = totalMs && totalMs > 0 ? Math.min(1, left / totalMs) : left > 0 ? 1 : 0;
  return { secondsLeft, fraction, over: left === 0, urgent: left > 0 && secondsLeft <= 5, msLeft: left, totalMs: totalMs ?? 0 };
}

/** For PhoneCountdown (the team device). */
export function phoneCountdown(c: StageCountdown): PhoneCountdown {
  return { stage: c.over ? 'over' : 'answering', msLeft: c.msLeft, totalMs: c.totalMs, secondsLeft: c.secondsLeft };
}

/** For ScreenCountdown (the projector's ring). */
export function screenCountdown(c: StageCountdown): ScreenCountdown {
  return c.over ? { kind: 'over' } : { kind: 'answering', secondsLeft: c.secondsLeft, fraction: c.fraction, paused: false };
}
