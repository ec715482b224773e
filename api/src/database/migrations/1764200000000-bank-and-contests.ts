// The question bank (current questions, every version, sets) and live contests (snapshot,
// players, answers). QueryRunner Table API only, so SQLite and PostgreSQL get the same tables.
import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

export class BankAndContests1764200000000 implements MigrationInterface {
  name = 'BankAndContests1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'questions',
        columns: [
          { name: 'id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'version', type: 'integer', isNullable: false },
          { name: 'origin', type: 'varchar', length: '16', isNullable: false },
          { name: 'type', type: 'varchar', length: '16', isNullable: false },
          { name: 'category', type: 'varchar', length: '40', isNullable: false },
          { name: 'difficulty', type: 'integer', isNullable: false },
          { name: 'status', type: 'varchar', length: '16', isNullable: false },
          { name: 'stem', type: 'text', isNullable: false },
          { name: 'tags', type: 'text', isNullable: false },
          { name: 'data', type: 'text', isNullable: false },
          { name: 'shipped_hash', type: 'varchar', length: '64', isNullable: true },
          { name: 'locally_edited', type: 'boolean', isNullable: false, default: false },
          { name: 'created_at', type: 'bigint', isNullable: false },
          { name: 'updated_at', type: 'bigint', isNullable: false },
        ],
        indices: [
          { name: 'ix_questions_category', columnNames: ['category', 'difficulty'] },
          { name: 'ix_questions_status', columnNames: ['status'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'question_versions',
        columns: [
          { name: 'question_id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'version', type: 'integer', isPrimary: true },
          { name: 'data', type: 'text', isNullable: false },
          { name: 'changed_by', type: 'varchar', length: '36', isNullable: true },
          { name: 'note', type: 'varchar', length: '200', isNullable: true },
          { name: 'created_at', type: 'bigint', isNullable: false },
        ],
        foreignKeys: [
          { columnNames: ['question_id'], referencedTableName: 'questions', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'question_sets',
        columns: [
          { name: 'id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'title', type: 'varchar', length: '100', isNullable: false },
          { name: 'description', type: 'text', isNullable: false },
          { name: 'origin', type: 'varchar', length: '16', isNullable: false },
          // 'manual' (ordered ids), 'tags' (questions carrying any tag) or 'random' (a draw rule)
          { name: 'kind', type: 'varchar', length: '16', isNullable: false },
          { name: 'question_ids', type: 'text', isNullable: false },
          { name: 'rule', type: 'text', isNullable: false },
          { name: 'created_by', type: 'varchar', length: '36', isNullable: true },
          { name: 'created_at', type: 'bigint', isNullable: false },
          { name: 'updated_at', type: 'bigint', isNullable: false },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'contests',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'pin', type: 'varchar', length: '6', isNullable: false },
          { name: 'title', type: 'varchar', length: '100', isNullable: false },
          { name: 'host_id', type: 'varchar', length: '36', isNullable: false },
          { name: 'phase', type: 'varchar', length: '16', isNullable: false },
          { name: 'question_count', type: 'integer', isNullable: false },
          { name: 'player_count', type: 'integer', isNullable: false, default: 0 },
          // The engine state without per-player answers (those live in contest_answers).
          { name: 'snapshot', type: 'text', isNullable: false },
          { name: 'snapshot_seq', type: 'integer', isNullable: false, default: 0 },
          { name: 'created_at', type: 'bigint', isNullable: false },
          { name: 'updated_at', type: 'bigint', isNullable: false },
          { name: 'ended_at', type: 'bigint', isNullable: true },
        ],
        indices: [
          { name: 'ix_contests_pin_phase', columnNames: ['pin', 'phase'] },
          { name: 'ix_contests_host', columnNames: ['host_id', 'created_at'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'contest_players',
        columns: [
          { name: 'contest_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'player_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'nickname', type: 'varchar', length: '40', isNullable: false },
          { name: 'user_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'token_hash', type: 'varchar', length: '64', isNullable: false },
          { name: 'kicked', type: 'boolean', isNullable: false, default: false },
          { name: 'joined_at', type: 'bigint', isNullable: false },
        ],
        foreignKeys: [
          { columnNames: ['contest_id'], referencedTableName: 'contests', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
        ],
        indices: [{ name: 'ux_contest_players_token', columnNames: ['token_hash'], isUnique: true }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'contest_answers',
        columns: [
          { name: 'contest_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'player_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'question_index', type: 'integer', isPrimary: true },
          { name: 'question_id', type: 'varchar', length: '64', isNullable: false },
          { name: 'question_version', type: 'integer', isNullable: false },
          { name: 'client_answer_id', type: 'varchar', length: '64', isNullable: false },
          { name: 'response', type: 'text', isNullable: false },
          { name: 'fraction', type: 'real', isNullable: false },
          { name: 'points', type: 'integer', isNullable: false },
          { name: 'streak_after', type: 'integer', isNullable: false },
          { name: 'elapsed_ms', type: 'integer', isNullable: false },
          { name: 'received_at', type: 'bigint', isNullable: false },
        ],
        foreignKeys: [
          { columnNames: ['contest_id'], referencedTableName: 'contests', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['contest_answers', 'contest_players', 'contests', 'question_sets', 'question_versions', 'questions']) {
      await q.dropTable(table);
    }
  }
}
