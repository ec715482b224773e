// Stage contest storage: the stage with its engine snapshot and drawn questions, its teams (with
// the team devices' tokens), and the append-only audit log of every score change. The audit table
// is the truth of the scoreboard: a stage loaded from storage takes its log (and so its scores)
// from these rows, never from the snapshot.
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { jsonText } from '../bank/bank.entities';
import { EpochMsColumn } from '../database/columns';
import type { AuditReason } from './engine/types';
import type { StageQuestions } from './stage-questions';

@Entity('stages')
export class StageRecord {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 100 })
  title: string;

  /** The host who set it up: the only one besides admins who may run it. */
  @Column({ name: 'owner_id', type: 'varchar', length: 36 })
  ownerId: string;

  @Column({ type: 'varchar', length: 16 })
  status: 'setup' | 'running' | 'finished';

  /** JSON of the engine state without its log (see stage-snapshot.ts). */
  @Column({ type: 'text' })
  snapshot: string;

  /** The bank questions drawn for each round, as they were when drawn. */
  @Column({ type: 'text', transformer: jsonText<StageQuestions>() })
  questions: StageQuestions;

  @EpochMsColumn({ name: 'created_at' })
  createdAt: number;

  @EpochMsColumn({ name: 'ended_at', nullable: true })
  endedAt: number | null;
}

@Entity('stage_teams')
export class StageTeamRecord {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'stage_id', type: 'varchar', length: 36 })
  stageId: string;

  /** 0-based seat on the stage: the engine's team order. */
  @Column({ type: 'integer' })
  seat: number;

  @Column({ type: 'varchar', length: 30 })
  name: string;

  @Column({ name: 'branch_id', type: 'varchar', length: 36, nullable: true })
  branchId: string | null;

  /** The team device's secret (shown to the host again on the set-up page, so kept as is). */
  @Column({ type: 'varchar', length: 64 })
  token: string;

  /** Organisation member ids of the players: each gets the team's final score in the rankings. */
  @Column({ name: 'member_ids', type: 'text', transformer: jsonText<string[]>() })
  memberIds: string[];
}

@Entity('stage_audit')
export class StageAuditRecord {
  @PrimaryColumn({ name: 'stage_id', type: 'varchar', length: 36 })
  stageId: string;

  @PrimaryColumn({ type: 'integer' })
  seq: number;

  @EpochMsColumn()
  at: number;

  /** 'engine' or the judge's user id ("by" is an SQL keyword, hence the column name). */
  @Column({ name: 'actor', type: 'varchar', length: 36 })
  by: string;

  @Column({ name: 'team_id', type: 'varchar', length: 36 })
  teamId: string;

  @Column({ type: 'integer' })
  delta: number;

  @Column({ type: 'varchar', length: 16 })
  reason: AuditReason;

  @Column({ type: 'varchar', length: 200, nullable: true })
  note: string | null;

  @Column({ type: 'integer', nullable: true })
  round: number | null;

  @Column({ type: 'integer', nullable: true })
  question: number | null;

  @Column({ type: 'integer', nullable: true })
  ref: number | null;
}

export const STAGE_ENTITIES: Function[] = [StageRecord, StageTeamRecord, StageAuditRecord];
