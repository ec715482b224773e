// The engine state in storage: the snapshot is everything but the log; the log is the
// append-only stage_audit table, and the scores are recomputed from it on load, so the
// scoreboard after a restart is exactly what the audit trail says.
import { recompute } from './engine/audit';
import type { AuditEntry, StageState } from './engine/types';
import type { StageAuditRecord } from './stage.entities';

type Snapshot = Omit<StageState, 'log'>;

export function toSnapshot(state: StageState): string {
  const { log: _log, ...rest } = state;
  return JSON.stringify(rest satisfies Snapshot);
}

export function toEntry(row: StageAuditRecord): AuditEntry {
  return {
    seq: row.seq,
    at: Number(row.at),
    by: row.by,
    teamId: row.teamId,
    delta: row.delta,
    reason: row.reason,
    note: row.note,
    round: row.round,
    question: row.question,
    ref: row.ref,
  };
}

export function toAuditRow(stageId: string, entry: AuditEntry): StageAuditRecord {
  return { stageId, ...entry };
}

export function fromSnapshot(json: string, audit: readonly StageAuditRecord[]): StageState {
  const snapshot = JSON.parse(json) as Snapshot;
  const log = [...audit].sort((a, b) => a.seq - b.seq).map(toEntry);
  const scores = recompute(log, snapshot.teams.map((t) => t.id));
  return { ...snapshot, log, scores };
}
