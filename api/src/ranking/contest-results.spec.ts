import { describe, expect, it } from 'vitest';
import type { ContestState, PlayerState, StoredAnswer } from '../contest/engine/types';
import { contestResults } from './contest-results';

const answer = (questionIndex: number, fraction: number): StoredAnswer => ({
  questionIndex,
  clientAnswerId: `c${questionIndex}`,
  response: { kind: 'truefalse', value: true },
  receivedAt: 0,
  elapsedMs: 1000,
  fraction,
  points: fraction * 100,
  streakAfter: 0,
});

function player(id: string, userId: string | null, score: number, correctCount: number, answers: StoredAnswer[], kicked = false): PlayerState {
  return {
    id,
    nickname: id,
    userId,
    team: null,
    joinedAt: 0,
    kicked,
    connected: true,
    score,
    streak: 0,
    correctCount,
    totalTimeMs: 0,
    rank: null,
    previousRank: null,
    answers: Object.fromEntries(answers.map((a) => [a.questionIndex, a])),
  };
}

describe('a finished contest as results', () => {
  it('gives each logged-in player still in the contest one entry with the scored questions only', () => {
    const players = [
      player('p1', 'u1', 200, 2, [answer(0, 1), answer(1, 1), answer(2, 0)]),
      // Answered question 3, which the host cut short with `end`: not scored, not counted.
      player('p2', 'u2', 100, 1, [answer(0, 1), answer(3, 1)]),
      player('anon', null, 300, 3, [answer(0, 1)]),
      player('gone', 'u3', 100, 1, [answer(0, 1)], true),
    ];
    const state = {
      id: 'contest-1',
      revealed: 3,
      createdAt: 1_000,
      endedAt: 5_000,
      playerOrder: players.map((p) => p.id),
      players: Object.fromEntries(players.map((p) => [p.id, p])),
    } as unknown as ContestState;
    expect(contestResults(state)).toEqual([
      { source: 'contest', sourceId: 'contest-1', userId: 'u1', points: 200, answered: 3, correct: 2, occurredAt: 5_000 },
      { source: 'contest', sourceId: 'contest-1', userId: 'u2', points: 100, answered: 1, correct: 1, occurredAt: 5_000 },
    ]);
  });
});
