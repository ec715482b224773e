import { describe, expect, it } from 'vitest';
import { countdown } from './screen-clock';

const q = { phase: 'question' as const, paused: false, answersOpenAt: 13_000, deadline: 33_000, remainingMs: undefined };

describe('projector countdown', () => {
  it('reads, then counts the answer time down, then is over', () => {
    expect(countdown(q, 10_000)).toEqual({ kind: 'reading', secondsLeft: 3, paused: false });
    expect(countdown(q, 13_000)).toEqual({ kind: 'answering', secondsLeft: 20, fraction: 1, paused: false });
    expect(countdown(q, 32_500)).toMatchObject({ kind: 'answering', secondsLeft: 1 });
    expect(countdown(q, 33_000)).toEqual({ kind: 'over' });
  });

  it('freezes while paused and is absent outside questions', () => {
    expect(countdown({ ...q, paused: true, remainingMs: 5_000 }, 99_999)).toMatchObject({ kind: 'answering', secondsLeft: 5, paused: true });
    expect(countdown({ ...q, paused: true, remainingMs: 21_500 }, 0)).toMatchObject({ kind: 'reading', secondsLeft: 2 });
    expect(countdown({ ...q, phase: 'reveal' }, 0)).toBeNull();
  });
});
