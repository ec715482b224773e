import { describe, expect, it } from 'vitest';
import { phoneCountdown, screenCountdown, stageCountdown } from './stage-countdown';

describe('the answer clock', () => {
  it('counts whole seconds down to the deadline, gold for the last five', () => {
    expect(stageCountdown(null, 0, null)).toBeNull();
    expect(stageCountdown(31_000, 1_000, 30_000)).toEqual({ secondsLeft: 30, fraction: 1, over: false, urgent: false, msLeft: 30_000, totalMs: 30_000 });
    expect(stageCountdown(31_000, 26_500, 30_000)).toMatchObject({ secondsLeft: 5, urgent: true });
    expect(stageCountdown(31_000, 30_999, 30_000)).toMatchObject({ secondsLeft: 1, over: false });
    expect(stageCountdown(31_000, 31_000, 30_000)).toMatchObject({ secondsLeft: 0, fraction: 0, over: true, urgent: false });
    expect(stageCountdown(31_000, 40_000, null)).toMatchObject({ secondsLeft: 0, fraction: 0, over: true });
  });

  it('speaks the live contest clocks’ types', () => {
    const running = stageCountdown(31_000, 16_000, 30_000)!;
    expect(phoneCountdown(running)).toEqual({ stage: 'answering', msLeft: 15_000, totalMs: 30_000, secondsLeft: 15 });
    expect(screenCountdown(running)).toEqual({ kind: 'answering', secondsLeft: 15, fraction: 0.5, paused: false });
    const over = stageCountdown(31_000, 32_000, 30_000)!;
    expect(phoneCountdown(over).stage).toBe('over');
    expect(screenCountdown(over)).toEqual({ kind: 'over' });
  });
});
