// One 纠错 report: what a member said is wrong with a question, and what the reviewer did.
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ReportStatus } from '@dangshi/protocol';
import { EpochMsColumn } from '../database/columns';

@Entity('question_reports')
export class QuestionReportRecord {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'question_id', type: 'varchar', length: 64 })
  questionId: string;

  /** The version the member saw; the question may have been edited since. */
  @Column({ name: 'question_version', type: 'integer', nullable: true })
  questionVersion: number | null;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  context: string | null;

  @Column({ name: 'reporter_user_id', type: 'varchar', length: 36, nullable: true })
  reporterUserId: string | null;

  /** Kept for abuse handling only; never shown in the queue. */
  @Column({ name: 'reporter_ip', type: 'varchar', length: 64, nullable: true })
  reporterIp: string | null;

  @Column({ type: 'varchar', length: 16 })
  status: ReportStatus;

  @Column({ type: 'varchar', length: 300, nullable: true })
  resolution: string | null;

  @Column({ name: 'resolved_by', type: 'varchar', length: 36, nullable: true })
  resolvedBy: string | null;

  @EpochMsColumn({ name: 'created_at' })
  createdAt: number;

  @EpochMsColumn({ name: 'resolved_at', nullable: true })
  resolvedAt: number | null;
}
