// The questions of a match: reviewed bank questions, the ones the players have seen least first
// (practice's own rule, over the sum of what every member at the table has seen), turned into
// the practice module's question view and answer key so judging is the same as in practice.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource } from 'typeorm';
import { QuestionRecord } from '../bank/bank.entities';
import { AppError } from '../common/app-error';
import { PracticeSeenRecord } from '../practice/practice.entities';
import { answerKey, asJudgedQuestion, questionView } from '../practice/practice-question';
import { pickQuestions } from '../practice/rules';
import type { MatchQuestion } from './match-types';

@Injectable()
export class MatchQuestions {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** `count` question ids for these members (fewer only if the bank has fewer). */
  async choose(userIds: readonly string[], count: number, random: () => number): Promise<string[]> {
    const pool = (
      await this.dataSource.getRepository(QuestionRecord).createQueryBuilder('q').select('q.id', 'id').where("q.status = 'reviewed'").orderBy('q.id').getRawMany<{ id: string }>()
    ).map((r) => r.id);
    if (pool.length === 0) throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'bank', message: 'the question bank has no reviewed questions' }]);
    const seen = new Map<string, number>();
    if (userIds.length > 0) {
      const rows = await this.dataSource
        .getRepository(PracticeSeenRecord)
        .createQueryBuilder('s')
        .select('s.question_id', 'questionId')
        .addSelect('SUM(s.seen_count)', 'seen')
        .where({ userId: In([...userIds]) })
        .groupBy('s.question_id')
        .getRawMany<{ questionId: string; seen: string | number }>();
      for (const r of rows) seen.set(r.questionId, Number(r.seen));
    }
    return pickQuestions(pool, seen, count, random);
  }

  /** The questions in the given order; one missing from the bank is left out. */
  async load(ids: readonly string[]): Promise<MatchQuestion[]> {
    const records = ids.length ? await this.dataSource.getRepository(QuestionRecord).findBy({ id: In([...ids]) }) : [];
    const byId = new Map(records.map((r) => [r.id, r]));
    return ids.flatMap((id) => {
      const record = byId.get(id);
      if (!record) return [];
      const q = record.data;
      return [{ questionId: q.id, version: record.version, view: questionView(q), key: answerKey(q), judged: asJudgedQuestion(q), explanation: q.explanation, source: q.source.ref }];
    });
  }
}
