// Practice match storage: the match, its seats (members and bots) with their final results, and
// every answer as it came (one per seat and question).
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AnswerResponse, MatchSize } from '@dangshi/protocol';
import { jsonText } from '../bank/bank.entities';
import { EpochMsColumn } from '../database/columns';

export type MatchStatus = 'playing' | 'finished';

@Entity('matches')
export class MatchRecord {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'integer' })
  size: MatchSize;

  @Column({ type: 'varchar', length: 8 })
  kind: 'queue' | 'invite';

  /** The invite code of a friend match. */
  @Column({ type: 'varchar', length: 12, nullable: true })
  code: string | null;

  @Column({ name: 'question_ids', type: 'text', transformer: jsonText<string[]>() })
  questionIds: string[];

  @Column({ type: 'varchar', length: 12 })
  status: MatchStatus;

  @EpochMsColumn({ name: 'created_at' })
  createdAt: number;

  @EpochMsColumn({ name: 'ended_at', nullable: true })
  endedAt: number | null;
}

@Entity('match_players')
export class MatchPlayerRecord {
  @PrimaryColumn({ name: 'match_id', type: 'varchar', length: 36 })
  matchId: string;

  @PrimaryColumn({ type: 'integer' })
  seat: number;

  /** Null for a bot. */
  @Column({ name: 'user_id', type: 'varchar', length: 36, nullable: true })
  userId: string | null;

  @Column({ name: 'bot_name', type: 'varchar', length: 40, nullable: true })
  botName: string | null;

  @Column({ type: 'integer', default: 0 })
  score: number;

  @Column({ type: 'integer', default: 0 })
  correct: number;

  /** Null until the match is finished. */
  @Column({ type: 'integer', nullable: true })
  place: number | null;

  @Column({ type: 'boolean', default: false })
  forfeited: boolean;

  /** Ranking points recorded (after the daily cap); null until recorded, and for bots. */
  @Column({ name: 'points_recorded', type: 'integer', nullable: true })
  pointsRecorded: number | null;
}

@Entity('match_answers')
export class MatchAnswerRecord {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'match_id', type: 'varchar', length: 36 })
  matchId: string;

  @Column({ type: 'integer' })
  seat: number;

  @Column({ name: 'question_index', type: 'integer' })
  questionIndex: number;

  /** Null for a bot. */
  @Column({ name: 'client_answer_id', type: 'varchar', length: 64, nullable: true })
  clientAnswerId: string | null;

  /** Null for a bot (it has a result, not a response). */
  @Column({ type: 'text', nullable: true, transformer: jsonText<AnswerResponse | null>() })
  response: AnswerResponse | null;

  @Column({ type: 'boolean' })
  correct: boolean;

  @Column({ type: 'integer' })
  points: number;

  /** From the question's start to the answer's arrival. */
  @Column({ type: 'integer' })
  ms: number;

  @EpochMsColumn({ name: 'answered_at' })
  answeredAt: number;
}

export const MATCH_ENTITIES = [MatchRecord, MatchPlayerRecord, MatchAnswerRecord];
