// The audit log is the truth of the scoreboard: every score change is an entry, nothing is ever
// deleted, and an undo is one more entry that reverses an earlier one.
import type { AuditEntry } from './types';

/** Scores from the log alone (teams without entries are 0 when listed in `teamIds`). */
export function recompute(log: readonly AuditEntry[], teamIds: readonly string[] = []): Record<string, number> {
  const scores: Record<string, number> = Object.fromEntries(teamIds.map((id) => [id, 0]));
  for (const entry of log) scores[entry.teamId] = (scores[entry.teamId] ?? 0) + entry.delta;
  return scores;
}

/** The entry an undo would reverse: the latest one that is not an undo and not yet undone. */
export function undoTarget(log: readonly AuditEntry[]): AuditEntry | null {
  const undone = new Set(log.filter((e) => e.reason === 'undo').map((e) => e.ref));
  for (let i = log.length - 1; i >= 0; i--) {
    const entry = log[i];
    if (entry.reason !== 'undo' && !undone.has(entry.seq)) return entry;
  }
  return null;
}
