import { describe, expect, it } from 'vitest';
import type { AnswerResponse } from '@dangshi/protocol';
import type { ContestQuestion } from '../contest/engine/types';
import { createMatch, judgeAnswer, reduce, type Random } from './match-engine';
import type { MatchTimingValues } from './match-timing';
import type { MatchCommand, MatchEffect, MatchQuestion, MatchState } from './match-types';
import { matchView } from './match-view';

const T0 = 1_700_000_000_000;
const TIMING: MatchTimingValues = {
  startMs: 3_000,
  questionMs: 15_000,
  revealMs: 3_000,
  forfeitGraceMs: 20_000,
  botMinMs: 3_000,
  botMaxMs: 10_000,
  botAccuracyMin: 0.6,
  botAccuracyMax: 0.7,
};

/** Question i: true/false, the right answer is `true`. */
function question(i: number): MatchQuestion {
  return {
    questionId: `q${i}`,
    version: 1,
    view: { questionId: `q${i}`, type: 'truefalse', stem: `题 ${i}`, options: [], category: '党史' },
    key: { type: 'truefalse', value: true },
    judged: { type: 'truefalse', options: [] } as unknown as ContestQuestion,
    explanation: '解析',
    source: '出处',
  };
}
const RIGHT: AnswerResponse = { kind: 'truefalse', value: true };
const WRONG: AnswerResponse = { kind: 'truefalse', value: false };

/** Draws from a fixed list, then 0.5 forever: bot delays and accuracies are chosen by the test. */
function script(values: number[]): Random {
  return () => values.shift() ?? 0.5;
}

/** A match and its timers, as MatchService keeps them, with a fake clock. */
class Harness {
  state: MatchState;
  now = T0;
  timers = new Map<string, { at: number; command: MatchCommand }>();
  finished = 0;
  persisted: { seat: number; index: number; correct: boolean }[] = [];

  constructor(humans: number, size: 2 | 4, readonly random: Random = script([]), questions = 3) {
    const created = createMatch(
      {
        id: 'm1',
        size,
        kind: 'queue',
        questions: Array.from({ length: questions }, (_, i) => question(i)),
        members: Array.from({ length: humans }, (_, i) => ({ userId: `u${i}`, name: `党员${i}`, connected: true })),
        botNames: ['陪练甲', '陪练乙', '陪练丙'],
        timing: TIMING,
      },
      T0,
      random,
    );
    this.state = created.state;
    this.apply(created.effects);
  }

  apply(effects: MatchEffect[]): MatchEffect[] {
    for (const e of effects) {
      if (e.type === 'schedule') this.timers.set(e.key, { at: e.at, command: e.command });
      if (e.type === 'cancel') this.timers.delete(e.key);
      if (e.type === 'finished') this.finished += 1;
      if (e.type === 'persistAnswer') this.persisted.push({ seat: e.seat, index: e.answer.index, correct: e.answer.correct });
    }
    return effects;
  }

  send(cmd: MatchCommand): MatchEffect[] {
    return this.apply(reduce(this.state, cmd, this.now, this.random));
  }

  /** Moves the clock, firing due timers in time order. */
  advance(ms: number): void {
    const until = this.now + ms;
    for (;;) {
      const due = [...this.timers.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.now = due[1].at;
      this.send(due[1].command);
    }
    this.now = until;
  }

  answer(seat: number, response: AnswerResponse, clientAnswerId = `a-${seat}-${this.state.index}`, index = this.state.index) {
    const judged = judgeAnswer(this.state, seat, { index, clientAnswerId, response }, this.now);
    if (judged.ok && !judged.duplicate) this.send({ type: 'answer', seat, answer: judged.answer });
    return judged;
  }
}

describe('match engine', () => {
  it('counts down, asks each question with a deadline, reveals and finishes', () => {
    const h = new Harness(2, 2);
    expect(h.state).toMatchObject({ phase: 'starting', deadline: T0 + 3_000 });
    expect(h.answer(0, RIGHT).ok).toBe(false);
    h.advance(3_000);
    expect(h.state).toMatchObject({ phase: 'question', index: 0, openedAt: T0 + 3_000, deadline: T0 + 18_000 });
    h.advance(15_000);
    expect(h.state).toMatchObject({ phase: 'reveal', index: 0 });
    h.advance(3_000);
    expect(h.state).toMatchObject({ phase: 'question', index: 1 });
    h.advance(18_000 * 2);
    expect(h.state.phase).toBe('finished');
    expect(h.finished).toBe(1);
    expect(h.timers.size).toBe(0);
  });

  it('scores speed: right answers 10–20 by time left, wrong ones 0, shown only at the reveal', () => {
    const h = new Harness(2, 2);
    h.advance(3_000);
    h.advance(3_000);
    expect(h.answer(0, RIGHT)).toMatchObject({ ok: true, answer: { correct: true, ms: 3_000, points: 18 } });
    // Before the reveal nobody's score moves and others see only "answered".
    const other = matchView(h.state, 1, h.now, 0);
    expect(other.players[0]).toMatchObject({ score: 0, answered: true });
    expect(other.reveal).toBeNull();
    h.advance(4_500);
    expect(h.answer(1, WRONG)).toMatchObject({ ok: true, answer: { correct: false, points: 0 } });
    // Both answered: the question ends at once.
    expect(h.state.phase).toBe('reveal');
    const view = matchView(h.state, 1, h.now, 0);
    expect(view.players.map((p) => p.score)).toEqual([18, 0]);
    expect(view.reveal?.answers).toEqual([
      { seat: 0, correct: true, points: 18, ms: 3_000 },
      { seat: 1, correct: false, points: 0, ms: 7_500 },
    ]);
    expect(view.reveal?.key).toEqual({ type: 'truefalse', value: true });
  });

  it('refuses late, early, foreign and changed answers; a resend is the same answer', () => {
    const h = new Harness(2, 2);
    h.advance(3_000);
    expect(h.answer(0, RIGHT, 'x', 1)).toEqual({ ok: false, code: 'ANSWER_WRONG_QUESTION' });
    expect(h.answer(0, RIGHT, 'x', 7)).toEqual({ ok: false, code: 'ANSWER_WRONG_QUESTION' });
    expect(h.answer(0, { kind: 'choice', options: [0] })).toEqual({ ok: false, code: 'ANSWER_INVALID' });
    const first = h.answer(0, RIGHT, 'c-1');
    expect(h.answer(0, RIGHT, 'c-1')).toEqual({ ok: true, duplicate: true, answer: (first as { answer: unknown }).answer });
    expect(h.answer(0, WRONG, 'c-2')).toEqual({ ok: false, code: 'ANSWER_DUPLICATE' });
    expect(h.answer(0, RIGHT, 'c-3')).toMatchObject({ ok: true, duplicate: true });
    h.advance(15_000);
    expect(h.answer(1, RIGHT, 'late', 0)).toEqual({ ok: false, code: 'ANSWER_TOO_LATE' });
    // Still a resend after the reveal: acknowledged again, counted once.
    expect(h.answer(0, RIGHT, 'c-1')).toMatchObject({ ok: true, duplicate: true });
    expect(h.state.seats[0].score).toBe(20);
  });

  it('refuses an answer that arrives after the deadline before the timer ran', () => {
    const h = new Harness(2, 2);
    h.advance(3_000);
    h.now += 15_001;
    expect(h.answer(0, RIGHT)).toEqual({ ok: false, code: 'ANSWER_TOO_LATE' });
  });

  it('lets bots answer after a drawn delay with a drawn accuracy', () => {
    // accuracy draw 0 → 60 %; question 0: delay draw 0.5 → 6.5 s, right draw 0.3 < 0.6 → right;
    // question 1: delay 0 → 3 s, draw 0.9 → wrong.
    const h = new Harness(1, 2, script([0, 0.5, 0.3, 0, 0.9]), 2);
    expect(h.state.seats[1]).toMatchObject({ bot: true, name: '陪练甲', botAccuracy: 0.6, userId: null });
    h.advance(3_000);
    h.advance(6_499);
    expect(h.state.seats[1].answers[0]).toBeUndefined();
    h.advance(1);
    expect(h.state.seats[1].answers[0]).toMatchObject({ correct: true, ms: 6_500, points: 16 });
    expect(h.persisted).toEqual([{ seat: 1, index: 0, correct: true }]);
    h.answer(0, WRONG);
    expect(h.state.phase).toBe('reveal');
    h.advance(3_000 + 3_000);
    expect(h.state.seats[1].answers[1]).toMatchObject({ correct: false, ms: 3_000, points: 0 });
    h.advance(100_000);
    expect(h.state.places).toEqual([2, 1]);
  });

  it('forfeits a disconnected member only after the grace period', () => {
    const h = new Harness(2, 2);
    h.advance(3_000);
    h.send({ type: 'disconnected', seat: 1 });
    expect(matchView(h.state, 0, h.now, 0).players[1]).toMatchObject({ connected: false, forfeited: false });
    h.advance(19_999);
    h.send({ type: 'reconnected', seat: 1 });
    h.advance(10_000);
    expect(h.state.seats[1]).toMatchObject({ connected: true, forfeited: false });
    expect(h.state.phase).not.toBe('finished');
    h.send({ type: 'disconnected', seat: 1 });
    h.answer(0, RIGHT);
    h.advance(20_000);
    // Alone against nobody: the match is decided, the one left wins.
    expect(h.state.seats[1].forfeited).toBe(true);
    expect(h.state.phase).toBe('finished');
    expect(h.state.places).toEqual([1, 2]);
    expect(h.finished).toBe(1);
  });

  it('counts the answers of the question in play when a forfeit ends the match', () => {
    const h = new Harness(2, 2);
    h.advance(3_000);
    h.send({ type: 'disconnected', seat: 1 });
    h.answer(0, RIGHT); // question 0 at once: 20
    h.advance(15_000 + 3_000 + 1_000);
    h.answer(0, RIGHT); // question 1 after 1 s: 19
    h.advance(1_000); // 20 s after the disconnection
    expect(h.state.phase).toBe('finished');
    expect(h.state.seats[0]).toMatchObject({ score: 20 + 19, correct: 2 });
  });

  it('ends a question early without waiting for a forfeited player, and goes on in a 4-player match', () => {
    const h = new Harness(4, 4);
    h.advance(3_000);
    h.send({ type: 'disconnected', seat: 3 });
    h.advance(1_000);
    for (const seat of [0, 1, 2]) h.answer(seat, RIGHT);
    // Seat 3 is disconnected but still within its grace: the question waits for it.
    expect(h.state.phase).toBe('question');
    h.advance(14_000);
    expect(h.state).toMatchObject({ phase: 'reveal', index: 0 });
    h.advance(3_000 + 1_000);
    for (const seat of [0, 1]) h.answer(seat, RIGHT);
    h.advance(2_000); // the grace ends during question 1
    expect(h.state.seats[3].forfeited).toBe(true);
    expect(h.state.phase).toBe('question');
    h.answer(2, WRONG);
    expect(h.state.phase).toBe('reveal');
    h.advance(100_000);
    expect(h.state.phase).toBe('finished');
    expect(h.state.places![3]).toBe(4);
  });

  it('ends at once when only bots are left', () => {
    const h = new Harness(1, 4);
    h.advance(3_000);
    h.send({ type: 'disconnected', seat: 0 });
    h.advance(20_000);
    expect(h.state.phase).toBe('finished');
    expect(h.state.places![0]).toBe(4);
  });

  it('shares places on equal scores', () => {
    const h = new Harness(4, 4, script([]), 1);
    h.advance(3_000);
    h.answer(0, RIGHT);
    h.answer(1, RIGHT);
    h.advance(2_000);
    h.answer(2, RIGHT);
    h.answer(3, WRONG);
    h.advance(3_000);
    expect(h.state.seats.map((s) => s.score)).toEqual([20, 20, 19, 0]);
    expect(h.state.places).toEqual([1, 1, 3, 4]);
    const result = matchView(h.state, 2, h.now, 20).result!;
    expect(result.pointsRecorded).toBe(20);
    expect(result.places.map((p) => [p.seat, p.place])).toEqual([
      [0, 1],
      [1, 1],
      [2, 3],
      [3, 4],
    ]);
  });
});
