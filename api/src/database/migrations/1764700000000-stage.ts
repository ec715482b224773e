// Stage contests (知识竞赛 on a stage): the stage with its engine snapshot and drawn questions,
// its teams (one device token each) and the append-only audit log of every score change.
// QueryRunner Table API only, so SQLite and PostgreSQL get the same tables.
import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

export class Stage1764700000000 implements MigrationInterface {
  name = 'Stage1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'stages',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'title', type: 'varchar', length: '100', isNullable: false },
          { name: 'owner_id', type: 'varchar', length: '36', isNullable: false },
          // 'setup' | 'running' | 'finished'
          { name: 'status', type: 'varchar', length: '16', isNullable: false },
          // The engine state without its log (the log is stage_audit).
          { name: 'snapshot', type: 'text', isNullable: false },
          { name: 'questions', type: 'text', isNullable: false },
          { name: 'created_at', type: 'bigint', isNullable: false },
          { name: 'ended_at', type: 'bigint', isNullable: true },
        ],
        foreignKeys: [{ columnNames: ['owner_id'], referencedTableName: 'users', referencedColumnNames: ['id'], onDelete: 'RESTRICT' }],
        indices: [
          // A host's stages, newest first.
          { name: 'ix_stages_owner', columnNames: ['owner_id', 'created_at'] },
          // The start-up catch-up of finished stages' results.
          { name: 'ix_stages_status', columnNames: ['status'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'stage_teams',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'stage_id', type: 'varchar', length: '36', isNullable: false },
          { name: 'seat', type: 'integer', isNullable: false },
          { name: 'name', type: 'varchar', length: '30', isNullable: false },
          // No foreign key: a branch removed later must not take the stage's history with it.
          { name: 'branch_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'token', type: 'varchar', length: '64', isNullable: false },
          { name: 'member_ids', type: 'text', isNullable: false },
        ],
        foreignKeys: [{ columnNames: ['stage_id'], referencedTableName: 'stages', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
        indices: [
          { name: 'ux_stage_teams_seat', columnNames: ['stage_id', 'seat'], isUnique: true },
          { name: 'ux_stage_teams_token', columnNames: ['token'], isUnique: true },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'stage_audit',
        columns: [
          { name: 'stage_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'seq', type: 'integer', isPrimary: true },
          { name: 'at', type: 'bigint', isNullable: false },
          // 'engine' or the judge's user id.
          { name: 'actor', type: 'varchar', length: '36', isNullable: false },
          { name: 'team_id', type: 'varchar', length: '36', isNullable: false },
          { name: 'delta', type: 'integer', isNullable: false },
          // 'right' | 'wrong' | 'falseStart' | 'adjust' | 'undo'
          { name: 'reason', type: 'varchar', length: '16', isNullable: false },
          { name: 'note', type: 'varchar', length: '200', isNullable: true },
          { name: 'round', type: 'integer', isNullable: true },
          { name: 'question', type: 'integer', isNullable: true },
          { name: 'ref', type: 'integer', isNullable: true },
        ],
        // Append-only: a stage with an audit trail cannot be deleted by accident.
        foreignKeys: [{ columnNames: ['stage_id'], referencedTableName: 'stages', referencedColumnNames: ['id'], onDelete: 'RESTRICT' }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['stage_audit', 'stage_teams', 'stages']) await q.dropTable(table);
  }
}
