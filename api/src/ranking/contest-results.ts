// What a finished live contest contributes to rankings: one entry per logged-in player (members-
// only contests set userId), with the score the contest gave them. Pure.
import type { ContestState } from '../contest/engine/types';
import type { ResultInput } from './result-input';

export function contestResults(state: ContestState): ResultInput[] {
  const byUser = new Map<string, ResultInput>();
  for (const id of state.playerOrder) {
    const player = state.players[id];
    // A kicked player's score was taken out of the contest; anonymous players rank nowhere.
    if (!player || player.kicked || !player.userId) continue;
    // Only scored questions count: one cut short by `end` was never revealed (0..revealed-1).
    const answered = Object.values(player.answers).filter((a) => a.questionIndex < state.revealed).length;
    const entry: ResultInput = {
      source: 'contest',
      sourceId: state.id,
      userId: player.userId,
      points: player.score,
      answered,
      correct: player.correctCount,
      occurredAt: state.endedAt ?? state.createdAt,
    };
    // A member kicked and let back in is two players with one user: the one still in counts.
    const before = byUser.get(player.userId);
    if (!before || entry.points > before.points) byUser.set(player.userId, entry);
  }
  return [...byUser.values()];
}
