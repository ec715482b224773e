// The organisation's daily cap on practice points (an admin setting instead of a constant), and
// what the wrong-answer book shows: how often each question was answered wrong and when last.
// QueryRunner Table API only, so SQLite and PostgreSQL get the same tables; the two UPDATEs fill
// the new book columns from the answers already stored (plain SQL both dialects share).
import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

export class PracticeCap1764650000000 implements MigrationInterface {
  name = 'PracticeCap1764650000000';

  async up(q: QueryRunner): Promise<void> {
    // 200 was the constant before: an upgrade keeps the same cap until the admin changes it.
    await q.addColumn('organisations', new TableColumn({ name: 'practice_daily_cap', type: 'integer', isNullable: false, default: 200 }));
    await q.addColumns('practice_wrong', [
      new TableColumn({ name: 'wrong_count', type: 'integer', isNullable: false, default: 1 }),
      new TableColumn({ name: 'last_wrong_at', type: 'bigint', isNullable: false, default: 0 }),
    ]);
    // Questions already in the book: every wrong answer to them so far, and the time of the latest.
    // NOT a.correct reads the same on PostgreSQL's boolean and SQLite's 0/1.
    const wrongAnswers = 'FROM practice_answers a WHERE a.user_id = practice_wrong.user_id AND a.question_id = practice_wrong.question_id AND NOT a.correct';
    await q.query(`UPDATE practice_wrong SET wrong_count = (SELECT COUNT(*) ${wrongAnswers}) WHERE EXISTS (SELECT 1 ${wrongAnswers})`);
    await q.query(`UPDATE practice_wrong SET last_wrong_at = COALESCE((SELECT MAX(a.answered_at) ${wrongAnswers}), updated_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumns('practice_wrong', ['last_wrong_at', 'wrong_count']);
    await q.dropColumn('organisations', 'practice_daily_cap');
  }
}
