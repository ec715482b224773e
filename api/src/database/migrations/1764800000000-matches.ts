// Practice matches (双人对战, 四人赛): the match, its seats with their results, and every answer
// (one per seat and question, so a resend is never stored twice). QueryRunner Table API only, so
// SQLite and PostgreSQL get the same tables.
import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

export class Matches1764800000000 implements MigrationInterface {
  name = 'Matches1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'matches',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'size', type: 'integer', isNullable: false },
          // 'queue' | 'invite'
          { name: 'kind', type: 'varchar', length: '8', isNullable: false },
          { name: 'code', type: 'varchar', length: '12', isNullable: true },
          { name: 'question_ids', type: 'text', isNullable: false },
          // 'playing' | 'finished'
          { name: 'status', type: 'varchar', length: '12', isNullable: false },
          { name: 'created_at', type: 'bigint', isNullable: false },
          { name: 'ended_at', type: 'bigint', isNullable: true },
        ],
        // Matches a restart interrupted are found and finished from their stored answers.
        indices: [{ name: 'ix_matches_status_created', columnNames: ['status', 'created_at'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'match_players',
        columns: [
          { name: 'match_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'seat', type: 'integer', isPrimary: true },
          { name: 'user_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'bot_name', type: 'varchar', length: '40', isNullable: true },
          { name: 'score', type: 'integer', isNullable: false, default: 0 },
          { name: 'correct', type: 'integer', isNullable: false, default: 0 },
          { name: 'place', type: 'integer', isNullable: true },
          { name: 'forfeited', type: 'boolean', isNullable: false, default: false },
          { name: 'points_recorded', type: 'integer', isNullable: true },
        ],
        foreignKeys: [
          { columnNames: ['match_id'], referencedTableName: 'matches', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
          { columnNames: ['user_id'], referencedTableName: 'users', referencedColumnNames: ['id'], onDelete: 'RESTRICT' },
        ],
        // A member's matches.
        indices: [{ name: 'ix_match_players_user', columnNames: ['user_id'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'match_answers',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'match_id', type: 'varchar', length: '36', isNullable: false },
          { name: 'seat', type: 'integer', isNullable: false },
          { name: 'question_index', type: 'integer', isNullable: false },
          { name: 'client_answer_id', type: 'varchar', length: '64', isNullable: true },
          { name: 'response', type: 'text', isNullable: true },
          { name: 'correct', type: 'boolean', isNullable: false },
          { name: 'points', type: 'integer', isNullable: false },
          { name: 'ms', type: 'integer', isNullable: false },
          { name: 'answered_at', type: 'bigint', isNullable: false },
        ],
        foreignKeys: [{ columnNames: ['match_id'], referencedTableName: 'matches', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
        // One answer per seat and question, whatever the answer ids: a resend is never stored twice.
        indices: [{ name: 'ux_match_answers_seat_index', columnNames: ['match_id', 'seat', 'question_index'], isUnique: true }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['match_answers', 'match_players', 'matches']) await q.dropTable(table);
  }
}
