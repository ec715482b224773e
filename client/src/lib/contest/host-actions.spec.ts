import { describe, expect, it } from 'vitest';
import { advanceAction, canEnd, canSkip, nextLabel, pauseAction } from './host-actions';

const view = (phase: string, extra: Partial<{ questionIndex: number; total: number; hideLeaderboard: boolean; paused: boolean }> = {}) =>
  ({ phase, questionIndex: 0, total: 3, hideLeaderboard: false, paused: false, ...extra }) as Parameters<typeof nextLabel>[0];

describe('host actions follow the engine', () => {
  it('labels next by phase and position', () => {
    expect(nextLabel(view('reveal'))).toBe('host.action.showLeaderboard');
    expect(nextLabel(view('reveal', { hideLeaderboard: true }))).toBe('host.action.nextQuestion');
    expect(nextLabel(view('reveal', { hideLeaderboard: true, questionIndex: 2 }))).toBe('host.action.showPodium');
    expect(nextLabel(view('leaderboard'))).toBe('host.action.nextQuestion');
    expect(nextLabel(view('leaderboard', { questionIndex: 2 }))).toBe('host.action.showPodium');
    expect(nextLabel(view('podium'))).toBe('host.action.finish');
    expect(nextLabel(view('question'))).toBeNull();
    expect(nextLabel(view('locked'))).toBeNull();
  });

  it('offers start, skip, pause and end only where allowed', () => {
    expect(advanceAction(view('lobby'))).toBe('start');
    expect(advanceAction(view('question'))).toBeNull();
    expect(advanceAction(view('podium'))).toBe('next');
    expect(canSkip(view('question'))).toBe(true);
    expect(canSkip(view('question', { paused: true }))).toBe(false);
    expect(pauseAction(view('lobby'))).toBeNull();
    expect(pauseAction(view('question'))).toBe('pause');
    expect(pauseAction(view('leaderboard', { paused: true }))).toBe('resume');
    expect(canEnd(view('podium'))).toBe(false);
    expect(canEnd(view('lobby'))).toBe(true);
  });
});
