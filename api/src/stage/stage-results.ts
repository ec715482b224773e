// A finished stage as ranking results: every player of a team gets the team's final score, and
// the team's judged answers (marks not undone) as answered/correct. Pure.
import type { ResultInput } from '../ranking/result-input';
import type { AuditEntry, StageState } from './engine/types';

export interface TeamRecord {
  answered: number;
  correct: number;
}

/** Judged answers per team: right/wrong entries that no undo reversed (adjustments do not count). */
export function judgedAnswers(log: readonly AuditEntry[]): Map<string, TeamRecord> {
  const undone = new Set(log.filter((e) => e.reason === 'undo').map((e) => e.ref));
  const out = new Map<string, TeamRecord>();
  for (const e of log) {
    if ((e.reason !== 'right' && e.reason !== 'wrong') || undone.has(e.seq)) continue;
    const team = out.get(e.teamId) ?? { answered: 0, correct: 0 };
    team.answered += 1;
    if (e.reason === 'right') team.correct += 1;
    out.set(e.teamId, team);
  }
  return out;
}

/** `players`: per team id, the user ids of its members (teams without members give no rows). */
export function stageResults(state: StageState, players: ReadonlyMap<string, readonly string[]>): ResultInput[] {
  const judged = judgedAnswers(state.log);
  const occurredAt = state.endedAt ?? state.createdAt;
  return state.teams.flatMap((team) => {
    const { answered, correct } = judged.get(team.id) ?? { answered: 0, correct: 0 };
    return (players.get(team.id) ?? []).map((userId) => ({
      source: 'stage' as const,
      sourceId: state.id,
      userId,
      points: state.scores[team.id],
      answered,
      correct,
      occurredAt,
    }));
  });
}
