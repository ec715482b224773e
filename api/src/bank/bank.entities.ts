import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Question } from '@dangshi/question-bank';
import { EpochMsColumn } from '../database/columns';

/** JSON kept in a text column: portable across SQLite and PostgreSQL. */
export const jsonText = <T>() => ({
  to: (value: T) => JSON.stringify(value),
  from: (value: string | null) => (value === null ? null : (JSON.parse(value) as T)),
});

export type QuestionOrigin = 'shipped' | 'org';

/** The current version of each question; older versions live in question_versions. */
@Entity('questions')
export class QuestionRecord {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'varchar', length: 16 })
  origin: QuestionOrigin;

  @Column({ type: 'varchar', length: 16 })
  type: Question['type'];

  @Column({ type: 'varchar', length: 40 })
  category: string;

  @Column({ type: 'integer' })
  difficulty: number;

  @Column({ type: 'varchar', length: 16 })
  status: Question['status'];

  @Column({ type: 'text' })
  stem: string;

  /** Tags joined as |a|b| so a LIKE '%|tag|%' finds them on both dialects. */
  @Column({ type: 'text' })
  tags: string;

  @Column({ type: 'text', transformer: jsonText<Question>() })
  data: Question;

  /** Hash of the shipped text last applied; lets an upgrade tell new wording from ours. */
  @Column({ name: 'shipped_hash', type: 'varchar', length: 64, nullable: true })
  shippedHash: string | null;

  /** An organisation edited this shipped question: upgrades never overwrite it. */
  @Column({ name: 'locally_edited', type: 'boolean', default: false })
  locallyEdited: boolean;

  @EpochMsColumn({ name: 'created_at' })
  createdAt: number;

  @EpochMsColumn({ name: 'updated_at' })
  updatedAt: number;
}

@Entity('question_versions')
export class QuestionVersionRecord {
  @PrimaryColumn({ name: 'question_id', type: 'varchar', length: 64 })
  questionId: string;

  @PrimaryColumn({ type: 'integer' })
  version: number;

  @Column({ type: 'text', transformer: jsonText<Question>() })
  data: Question;

  @Column({ name: 'changed_by', type: 'varchar', length: 36, nullable: true })
  changedBy: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  note: string | null;

  @EpochMsColumn({ name: 'created_at' })
  createdAt: number;
}

export interface SetRule {
  tags?: string[];
  count?: number;
  categories?: string[];
  difficulty?: number[];
}

@Entity('question_sets')
export class QuestionSetRecord {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  @Column({ type: 'varchar', length: 100 })
  title: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'varchar', length: 16 })
  origin: QuestionOrigin;

  @Column({ type: 'varchar', length: 16 })
  kind: 'manual' | 'tags' | 'random';

  @Column({ name: 'question_ids', type: 'text', transformer: jsonText<string[]>() })
  questionIds: string[];

  @Column({ type: 'text', transformer: jsonText<SetRule>() })
  rule: SetRule;

  @Column({ name: 'created_by', type: 'varchar', length: 36, nullable: true })
  createdBy: string | null;

  @EpochMsColumn({ name: 'created_at' })
  createdAt: number;

  @EpochMsColumn({ name: 'updated_at' })
  updatedAt: number;
}

export function tagsColumn(tags: string[]): string {
  return tags.length ? `|${tags.join('|')}|` : '';
}
