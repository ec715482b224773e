// Practice storage: sessions, each answer (idempotent by the phone's answer id), what a member
// has seen per question, the wrong-answer book and the per-member streak and best.
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AnswerResponse, PracticeMode } from '@dangshi/protocol';
import { jsonText } from '../bank/bank.entities';
import { EpochMsColumn } from '../database/columns';

@Entity('practice_sessions')
export class PracticeSessionRecord {
  /** The daily quiz's id is daily-<user>-<day>: the primary key makes it one per member and day. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  @Column({ type: 'varchar', length: 16 })
  mode: PracticeMode;

  @Column({ type: 'varchar', length: 40, nullable: true })
  category: string | null;

  @Column({ type: 'integer', nullable: true })
  difficulty: number | null;

  /** The organisation's local date the session started on. */
  @Column({ type: 'varchar', length: 10 })
  day: string;

  @Column({ name: 'question_ids', type: 'text', transformer: jsonText<string[]>() })
  questionIds: string[];

  @Column({ type: 'integer', default: 0 })
  position: number;

  @Column({ type: 'integer', default: 0 })
  correct: number;

  @Column({ type: 'boolean', default: false })
  ended: boolean;

  /** Points recorded for the rankings (after the daily cap). */
  @Column({ type: 'integer', default: 0 })
  points: number;

  @EpochMsColumn({ name: 'created_at' })
  createdAt: number;

  @EpochMsColumn({ name: 'ended_at', nullable: true })
  endedAt: number | null;
}

@Entity('practice_answers')
export class PracticeAnswerRecord {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'session_id', type: 'varchar', length: 64 })
  sessionId: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  @Column({ name: 'client_answer_id', type: 'varchar', length: 64 })
  clientAnswerId: string;

  @Column({ type: 'integer' })
  position: number;

  @Column({ name: 'question_id', type: 'varchar', length: 64 })
  questionId: string;

  @Column({ name: 'question_version', type: 'integer' })
  questionVersion: number;

  @Column({ type: 'text', transformer: jsonText<AnswerResponse>() })
  response: AnswerResponse;

  @Column({ type: 'boolean' })
  correct: boolean;

  @EpochMsColumn({ name: 'answered_at' })
  answeredAt: number;
}

@Entity('practice_seen')
export class PracticeSeenRecord {
  @PrimaryColumn({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  @PrimaryColumn({ name: 'question_id', type: 'varchar', length: 64 })
  questionId: string;

  /** Copied when first seen: per-category progress without joining the bank. */
  @Column({ type: 'varchar', length: 40 })
  category: string;

  @Column({ name: 'seen_count', type: 'integer', default: 0 })
  seenCount: number;

  /** Whether the latest answer was right (progress counts questions mastered, not attempts). */
  @Column({ name: 'last_correct', type: 'boolean', default: false })
  lastCorrect: boolean;

  @EpochMsColumn({ name: 'last_at' })
  lastAt: number;
}

@Entity('practice_wrong')
export class PracticeWrongRecord {
  @PrimaryColumn({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  @PrimaryColumn({ name: 'question_id', type: 'varchar', length: 64 })
  questionId: string;

  @Column({ name: 'right_streak', type: 'integer', default: 0 })
  rightStreak: number;

  /** Every wrong practice answer to the question so far (shown when browsing the book). */
  @Column({ name: 'wrong_count', type: 'integer', default: 1 })
  wrongCount: number;

  @EpochMsColumn({ name: 'last_wrong_at', default: 0 })
  lastWrongAt: number;

  @EpochMsColumn({ name: 'updated_at' })
  updatedAt: number;
}

@Entity('practice_stats')
export class PracticeStatsRecord {
  @PrimaryColumn({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  @Column({ name: 'streak_days', type: 'integer', default: 0 })
  streakDays: number;

  @Column({ name: 'last_daily_day', type: 'varchar', length: 10, nullable: true })
  lastDailyDay: string | null;

  @Column({ name: 'challenge_best', type: 'integer', default: 0 })
  challengeBest: number;
}

export const PRACTICE_ENTITIES = [PracticeSessionRecord, PracticeAnswerRecord, PracticeSeenRecord, PracticeWrongRecord, PracticeStatsRecord];
