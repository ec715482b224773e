// Answers chosen on purpose and scores recomputed with the pure rule from stored answers,
// independent of the live engine: what every multi-client test compares against.
import type { ContestAnswerRecord } from '../../src/contest/contest.entities';
import { judge } from '../../src/contest/engine/judge';
import { scoreAnswer } from '../../src/contest/engine/scoring';
import type { ContestState } from '../../src/contest/engine/types';

type AnswerRow = Pick<ContestAnswerRecord, 'playerId' | 'questionIndex' | 'response' | 'elapsedMs'>;

/** A response for question `q` of the state: right or wrong on purpose. */
export function responseFor(state: ContestState, index: number, right: boolean) {
  const key = state.questions[index].key;
  const n = state.questions[index].options.length;
  switch (key.type) {
    case 'single':
      return { kind: 'choice' as const, options: [right ? key.options[0] : (key.options[0] + 1) % n] };
    case 'multiple':
      return { kind: 'choice' as const, options: right ? key.options : [key.options[0]] };
    case 'truefalse':
      return { kind: 'truefalse' as const, value: right ? key.value : !key.value };
    case 'fill':
      return { kind: 'fill' as const, text: right ? key.accepted[0] : '不知道' };
  }
}

/** Scores recomputed from the stored answers with the pure rule, independent of the live engine. */
export function expectedScores(state: ContestState, rows: AnswerRow[]): Map<string, number> {
  const scores = new Map<string, number>();
  for (const playerId of state.playerOrder) {
    let streak = 0;
    let total = 0;
    state.questions.forEach((q, i) => {
      const row = rows.find((r) => r.playerId === playerId && r.questionIndex === i);
      const fraction = row ? judge(q.key, JSON.parse(row.response), state.settings.partialCredit) : 0;
      const scored = scoreAnswer({
        scoring: q.scoring,
        points: q.points,
        fraction,
        answered: Boolean(row),
        elapsedMs: row?.elapsedMs ?? q.limitMs,
        limitMs: q.limitMs,
        streakBefore: streak,
        accuracyPoints: state.settings.accuracyPoints,
        negativePoints: state.settings.negativePoints,
      });
      total += scored.points;
      streak = scored.streak;
    });
    scores.set(playerId, total);
  }
  return scores;
}

