// Practice between contests: sessions, answers (unique per phone answer id, so a retry is never
// counted twice), what each member has seen, the wrong-answer book and streak/best per member.
// QueryRunner Table API only, so SQLite and PostgreSQL get the same tables.
import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

export class Practice1764600000000 implements MigrationInterface {
  name = 'Practice1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'practice_sessions',
        columns: [
          // daily-<user>-<day> for the daily quiz: one per member and day by the primary key.
          { name: 'id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'user_id', type: 'varchar', length: '36', isNullable: false },
          // 'daily' | 'category' | 'challenge' | 'wrong'
          { name: 'mode', type: 'varchar', length: '16', isNullable: false },
          { name: 'category', type: 'varchar', length: '40', isNullable: true },
          { name: 'difficulty', type: 'integer', isNullable: true },
          { name: 'day', type: 'varchar', length: '10', isNullable: false },
          { name: 'question_ids', type: 'text', isNullable: false },
          { name: 'position', type: 'integer', isNullable: false, default: 0 },
          { name: 'correct', type: 'integer', isNullable: false, default: 0 },
          { name: 'ended', type: 'boolean', isNullable: false, default: false },
          { name: 'points', type: 'integer', isNullable: false, default: 0 },
          { name: 'created_at', type: 'bigint', isNullable: false },
          { name: 'ended_at', type: 'bigint', isNullable: true },
        ],
        foreignKeys: [{ columnNames: ['user_id'], referencedTableName: 'users', referencedColumnNames: ['id'], onDelete: 'RESTRICT' }],
        indices: [
          // Today's points per member (the daily cap) and a member's sessions.
          { name: 'ix_practice_sessions_user_day', columnNames: ['user_id', 'day'] },
          // The weekly challenge leaderboard.
          { name: 'ix_practice_sessions_mode_ended', columnNames: ['mode', 'ended_at'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'practice_answers',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'session_id', type: 'varchar', length: '64', isNullable: false },
          { name: 'user_id', type: 'varchar', length: '36', isNullable: false },
          { name: 'client_answer_id', type: 'varchar', length: '64', isNullable: false },
          { name: 'position', type: 'integer', isNullable: false },
          { name: 'question_id', type: 'varchar', length: '64', isNullable: false },
          { name: 'question_version', type: 'integer', isNullable: false },
          { name: 'response', type: 'text', isNullable: false },
          { name: 'correct', type: 'boolean', isNullable: false },
          { name: 'answered_at', type: 'bigint', isNullable: false },
        ],
        foreignKeys: [
          { columnNames: ['session_id'], referencedTableName: 'practice_sessions', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
        ],
        indices: [
          // A retry of the same answer finds the first one: never counted twice.
          { name: 'ux_practice_answers_client', columnNames: ['user_id', 'client_answer_id'], isUnique: true },
          // Each question of a session is answered once, whatever the answer ids.
          { name: 'ux_practice_answers_position', columnNames: ['session_id', 'position'], isUnique: true },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'practice_seen',
        columns: [
          { name: 'user_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'question_id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'category', type: 'varchar', length: '40', isNullable: false },
          { name: 'seen_count', type: 'integer', isNullable: false, default: 0 },
          { name: 'last_correct', type: 'boolean', isNullable: false, default: false },
          { name: 'last_at', type: 'bigint', isNullable: false },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'practice_wrong',
        columns: [
          { name: 'user_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'question_id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'right_streak', type: 'integer', isNullable: false, default: 0 },
          { name: 'updated_at', type: 'bigint', isNullable: false },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'practice_stats',
        columns: [
          { name: 'user_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'streak_days', type: 'integer', isNullable: false, default: 0 },
          { name: 'last_daily_day', type: 'varchar', length: '10', isNullable: true },
          { name: 'challenge_best', type: 'integer', isNullable: false, default: 0 },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['practice_stats', 'practice_wrong', 'practice_seen', 'practice_answers', 'practice_sessions']) await q.dropTable(table);
  }
}
