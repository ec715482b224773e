// One scored activity of one user: a contest played, a practice session, a stage round, a match.
// Rankings and reports read only this table.
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ResultSource } from '@dangshi/protocol';
import { EpochMsColumn } from '../database/columns';

@Entity('results')
export class ResultRecord {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 16 })
  source: ResultSource;

  @Column({ name: 'source_id', type: 'varchar', length: 64 })
  sourceId: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  /** The member and their branch when the row was written (null: the user is not a member). */
  @Column({ name: 'member_id', type: 'varchar', length: 36, nullable: true })
  memberId: string | null;

  @Column({ name: 'branch_id', type: 'varchar', length: 36, nullable: true })
  branchId: string | null;

  @Column({ type: 'integer' })
  points: number;

  @Column({ type: 'integer' })
  answered: number;

  @Column({ type: 'integer' })
  correct: number;

  @EpochMsColumn({ name: 'occurred_at' })
  occurredAt: number;
}
