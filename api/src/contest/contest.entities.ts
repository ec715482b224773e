import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ContestPhase } from '@dangshi/protocol';
import { EpochMsColumn } from '../database/columns';

@Entity('contests')
export class ContestRecord {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 6 })
  pin: string;

  @Column({ type: 'varchar', length: 100 })
  title: string;

  @Column({ name: 'host_id', type: 'varchar', length: 36 })
  hostId: string;

  @Column({ type: 'varchar', length: 16 })
  phase: ContestPhase;

  @Column({ name: 'question_count', type: 'integer' })
  questionCount: number;

  @Column({ name: 'player_count', type: 'integer', default: 0 })
  playerCount: number;

  /** JSON of the engine state without answers (see snapshot.ts). */
  @Column({ type: 'text' })
  snapshot: string;

  @Column({ name: 'snapshot_seq', type: 'integer', default: 0 })
  snapshotSeq: number;

  @EpochMsColumn({ name: 'created_at' })
  createdAt: number;

  @EpochMsColumn({ name: 'updated_at' })
  updatedAt: number;

  @EpochMsColumn({ name: 'ended_at', nullable: true })
  endedAt: number | null;
}

@Entity('contest_players')
export class ContestPlayerRecord {
  @PrimaryColumn({ name: 'contest_id', type: 'varchar', length: 36 })
  contestId: string;

  @PrimaryColumn({ name: 'player_id', type: 'varchar', length: 36 })
  playerId: string;

  @Column({ type: 'varchar', length: 40 })
  nickname: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36, nullable: true })
  userId: string | null;

  /** Team mode: index into the contest's teams. */
  @Column({ type: 'integer', nullable: true })
  team: number | null;

  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash: string;

  @Column({ type: 'boolean', default: false })
  kicked: boolean;

  @EpochMsColumn({ name: 'joined_at' })
  joinedAt: number;
}

@Entity('contest_answers')
export class ContestAnswerRecord {
  @PrimaryColumn({ name: 'contest_id', type: 'varchar', length: 36 })
  contestId: string;

  @PrimaryColumn({ name: 'player_id', type: 'varchar', length: 36 })
  playerId: string;

  @PrimaryColumn({ name: 'question_index', type: 'integer' })
  questionIndex: number;

  @Column({ name: 'question_id', type: 'varchar', length: 64 })
  questionId: string;

  @Column({ name: 'question_version', type: 'integer' })
  questionVersion: number;

  @Column({ name: 'client_answer_id', type: 'varchar', length: 64 })
  clientAnswerId: string;

  @Column({ type: 'text' })
  response: string;

  @Column({ type: 'real' })
  fraction: number;

  @Column({ type: 'integer' })
  points: number;

  @Column({ name: 'streak_after', type: 'integer' })
  streakAfter: number;

  @Column({ name: 'elapsed_ms', type: 'integer' })
  elapsedMs: number;

  @EpochMsColumn({ name: 'received_at' })
  receivedAt: number;
}
