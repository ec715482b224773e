// What one member's phone sees of a match. Before the reveal the others' answers show only as
// "answered"; the key, the explanation and everyone's points come with the reveal.
import type { MatchResultDto, MatchView } from '@dangshi/protocol';
import { keyView } from '../practice/practice-question';
import { rankingPoints } from './match-scoring';
import type { MatchState } from './match-types';
import type { StoredResult } from './match.store';

/** `pointsRecorded`: the ranking points recorded for this member once the match is finished. */
export function matchView(state: MatchState, me: number, now: number, pointsRecorded: number): MatchView {
  const asking = state.phase === 'question' || state.phase === 'reveal';
  const question = asking ? state.questions[state.index] : null;
  return {
    id: state.id,
    size: state.size,
    phase: state.phase,
    index: state.index,
    total: state.questions.length,
    question: question?.view ?? null,
    deadline: state.deadline,
    serverNow: now,
    me,
    players: state.seats.map((s) => ({
      seat: s.seat,
      name: s.name,
      bot: s.bot,
      score: s.score,
      correct: s.correct,
      answered: asking && Boolean(s.answers[state.index]),
      connected: s.connected,
      forfeited: s.forfeited,
    })),
    reveal:
      state.phase === 'reveal' && question
        ? {
            index: state.index,
            key: keyView(question.key),
            explanation: question.explanation,
            source: question.source,
            answers: state.seats.map((s) => {
              const a = s.answers[state.index];
              return { seat: s.seat, correct: a?.correct ?? false, points: a?.points ?? 0, ms: a?.ms ?? null };
            }),
          }
        : null,
    result: state.phase === 'finished' && state.places ? resultOf(state, state.places, me, pointsRecorded) : null,
  };
}

function resultOf(state: MatchState, places: number[], me: number, pointsRecorded: number): MatchResultDto {
  const mine = state.seats.find((s) => s.seat === me);
  return {
    places: state.seats
      .map((s) => ({ seat: s.seat, name: s.name, score: s.score, correct: s.correct, place: places[s.seat], forfeited: s.forfeited }))
      .sort((a, b) => a.place - b.place || a.seat - b.seat),
    pointsEarned: mine ? rankingPoints(mine.correct, places[me] ?? 0, mine.forfeited) : 0,
    pointsRecorded,
  };
}

/** A finished match rebuilt from storage (after it left memory): its result screen. */
export function storedMatchView({ match, players }: StoredResult, me: number, now: number): MatchView {
  const total = match.questionIds.length;
  return {
    id: match.id,
    size: match.size,
    phase: 'finished',
    index: Math.max(0, total - 1),
    total,
    question: null,
    deadline: null,
    serverNow: now,
    me,
    players: players.map((p) => ({ seat: p.seat, name: p.name, bot: !p.userId, score: p.score, correct: p.correct, answered: false, connected: true, forfeited: p.forfeited })),
    reveal: null,
    result: {
      places: players
        .map((p) => ({ seat: p.seat, name: p.name, score: p.score, correct: p.correct, place: p.place ?? 0, forfeited: p.forfeited }))
        .sort((a, b) => a.place - b.place || a.seat - b.seat),
      pointsEarned: earnedBy(players.find((p) => p.seat === me)),
      pointsRecorded: players.find((p) => p.seat === me)?.pointsRecorded ?? 0,
    },
  };
}

function earnedBy(player: StoredResult['players'][number] | undefined): number {
  return player ? rankingPoints(player.correct, player.place ?? 0, player.forfeited) : 0;
}
