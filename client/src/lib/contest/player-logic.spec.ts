// The phone's pure rules: the countdown, the nickname check, how answers are shown, the id of
// an answer and what the phone remembers per PIN.
import { describe, expect, it } from 'vitest';
import type { ContestView, PublicQuestion } from '@dangshi/protocol';
import { newClientAnswerId } from './player-answer-id';
import { countdown } from './player-countdown';
import { correctParts, responseParts, resultKind, signedPoints } from './player-format';
import { normaliseNickname } from './player-nickname';
import { clearPlayer, readPlayer, writePending, writePlayer } from './player-storage';

const question: PublicQuestion = {
  index: 0,
  total: 3,
  type: 'single',
  stem: '中国共产党第一次全国代表大会在哪一年召开？',
  options: ['1919年', '1921年', '1927年', '1949年'],
  timeLimitMs: 20_000,
  points: 'standard',
};

function view(extra: Partial<ContestView> = {}): ContestView {
  return {
    contestId: 'c',
    pin: '123456',
    title: 't',
    phase: 'question',
    questionIndex: 0,
    total: 3,
    paused: false,
    lobbyLocked: false,
    joinMode: 'nickname',
    hideLeaderboard: false,
    players: 2,
    question,
    answersOpenAt: 10_000,
    deadline: 30_000,
    serverNow: 9_000,
    ...extra,
  };
}

describe('countdown', () => {
  it('reads first, then counts the answer time down, then is over', () => {
    expect(countdown(view(), 7_500)).toMatchObject({ stage: 'reading', secondsLeft: 3 });
    expect(countdown(view(), 10_000)).toMatchObject({ stage: 'answering', secondsLeft: 20, totalMs: 20_000 });
    expect(countdown(view(), 29_001)).toMatchObject({ stage: 'answering', secondsLeft: 1 });
    expect(countdown(view(), 31_000)).toMatchObject({ stage: 'over', secondsLeft: 0, msLeft: 0 });
  });

  it('stops while paused and shows the answer time that will remain', () => {
    expect(countdown(view({ paused: true, remainingMs: 12_300 }), 99_999)).toMatchObject({ stage: 'paused', secondsLeft: 13 });
    // Paused during reading: the answer time is still whole.
    expect(countdown(view({ paused: true, remainingMs: 21_500 }), 0)).toMatchObject({ stage: 'paused', msLeft: 20_000 });
  });

  it('is only for the question phase', () => {
    expect(countdown(view({ phase: 'locked' }), 10_000)).toBeNull();
    expect(countdown(view({ phase: 'lobby', deadline: undefined, answersOpenAt: undefined }), 0)).toBeNull();
  });
});

describe('nickname', () => {
  it('trims, collapses spaces and counts characters like the server', () => {
    expect(normaliseNickname('  张  建国 ')).toBe('张 建国');
    expect(normaliseNickname('   ')).toBeNull();
    expect(normaliseNickname('一'.repeat(20))).toBe('一'.repeat(20));
    expect(normaliseNickname('一'.repeat(21))).toBeNull();
    expect(normaliseNickname('😀'.repeat(20))).toBe('😀'.repeat(20));
    expect(normaliseNickname('a\u0007b')).toBeNull();
  });
});

describe('answer display', () => {
  it('shows choices with their letter, glyph and text, in option order', () => {
    const parts = responseParts(question, { kind: 'choice', options: [3, 1] });
    expect(parts.map((p) => `${p.glyph}${p.letter} ${p.text}`)).toEqual(['◆B 1921年', '■D 1949年']);
    expect(correctParts(question, { type: 'single', options: [1] })[0]).toMatchObject({ letter: 'B', text: '1921年' });
  });

  it('shows true/false as a truth value and fill as its text', () => {
    expect(responseParts(question, { kind: 'truefalse', value: false })[0]).toMatchObject({ truth: false, glyph: '✘' });
    expect(correctParts(question, { type: 'fill', accepted: ['两年', '2年'] })[0]!.text).toBe('两年 / 2年');
  });

  it('signs points and names results', () => {
    expect([signedPoints(950), signedPoints(0), signedPoints(-100)]).toEqual(['+950', '0', '−100']);
    expect(resultKind({ answered: false, correct: false, fraction: 0 })).toBe('unanswered');
    expect(resultKind({ answered: true, correct: false, fraction: 0.5 })).toBe('partial');
    expect(resultKind({ answered: true, correct: true, fraction: 1 })).toBe('correct');
    expect(resultKind({ answered: true, correct: false, fraction: 0 })).toBe('wrong');
  });
});

describe('answer id and storage', () => {
  it('makes a fresh id each time, within the protocol limit', () => {
    const a = newClientAnswerId();
    expect(a).not.toBe(newClientAnswerId());
    expect(a.length).toBeGreaterThan(16);
    expect(a.length).toBeLessThanOrEqual(64);
  });

  it('remembers the token and the pending answer per PIN', () => {
    expect(readPlayer('111111')).toBeNull();
    writePlayer('111111', { playerToken: 'token-token-1', playerId: 'p1' });
    writePending('111111', { questionIndex: 2, clientAnswerId: 'id', response: { kind: 'truefalse', value: true } });
    expect(readPlayer('111111')).toEqual({
      playerToken: 'token-token-1',
      playerId: 'p1',
      pending: { questionIndex: 2, clientAnswerId: 'id', response: { kind: 'truefalse', value: true } },
    });
    writePending('111111', null);
    expect(readPlayer('111111')).toEqual({ playerToken: 'token-token-1', playerId: 'p1' });
    expect(readPlayer('222222')).toBeNull();
    clearPlayer('111111');
    expect(readPlayer('111111')).toBeNull();
  });
});
