// 纠错: error reports members send about a question, and how a reviewer resolved each.
// QueryRunner Table API only, so SQLite and PostgreSQL get the same table. No foreign key to
// questions: a report is evidence and must outlive any change to the question it names.
import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

export class QuestionReports1764300000000 implements MigrationInterface {
  name = 'QuestionReports1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'question_reports',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'question_id', type: 'varchar', length: '64', isNullable: false },
          { name: 'question_version', type: 'integer', isNullable: true },
          { name: 'reason', type: 'text', isNullable: false },
          { name: 'context', type: 'varchar', length: '100', isNullable: true },
          { name: 'reporter_user_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'reporter_ip', type: 'varchar', length: '64', isNullable: true },
          // 'open' | 'fixed' | 'retired' | 'dismissed'
          { name: 'status', type: 'varchar', length: '16', isNullable: false },
          { name: 'resolution', type: 'varchar', length: '300', isNullable: true },
          { name: 'resolved_by', type: 'varchar', length: '36', isNullable: true },
          { name: 'created_at', type: 'bigint', isNullable: false },
          { name: 'resolved_at', type: 'bigint', isNullable: true },
        ],
        indices: [
          // The review queue lists one status, newest first.
          { name: 'ix_question_reports_status', columnNames: ['status', 'created_at'] },
          { name: 'ix_question_reports_question', columnNames: ['question_id'] },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('question_reports');
  }
}
