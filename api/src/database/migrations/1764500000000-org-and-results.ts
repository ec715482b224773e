// The organisation → branches (支部) → members (党员) with their membership history, and the
// results table every scored activity writes (rankings read only this). QueryRunner Table API
// only, so SQLite and PostgreSQL get the same tables.
import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

export class OrgAndResults1764500000000 implements MigrationInterface {
  name = 'OrgAndResults1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'organisations',
        columns: [
          // One organisation per install today ('default'); an id keeps the door open for more.
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'name', type: 'varchar', length: '100', isNullable: false },
          { name: 'headline_metric', type: 'varchar', length: '24', isNullable: false },
          // Windows (this week, this month…) start at local midnight: minutes east of UTC.
          { name: 'utc_offset_minutes', type: 'integer', isNullable: false, default: 480 },
          { name: 'created_at', type: 'bigint', isNullable: false },
          { name: 'updated_at', type: 'bigint', isNullable: false },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'branches',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'name', type: 'varchar', length: '40', isNullable: false },
          { name: 'secretary', type: 'varchar', length: '40', isNullable: false, default: "''" },
          { name: 'display_order', type: 'integer', isNullable: false, default: 0 },
          { name: 'active', type: 'boolean', isNullable: false, default: true },
          { name: 'created_at', type: 'bigint', isNullable: false },
          { name: 'updated_at', type: 'bigint', isNullable: false },
        ],
        indices: [{ name: 'ux_branches_name', columnNames: ['name'], isUnique: true }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'members',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'user_id', type: 'varchar', length: '36', isNullable: false },
          { name: 'name', type: 'varchar', length: '40', isNullable: false },
          // 手机号 or 工号; also the member's login name.
          { name: 'identifier', type: 'varchar', length: '32', isNullable: false },
          { name: 'branch_id', type: 'varchar', length: '36', isNullable: false },
          { name: 'active', type: 'boolean', isNullable: false, default: true },
          { name: 'joined_at', type: 'bigint', isNullable: false },
          { name: 'created_at', type: 'bigint', isNullable: false },
          { name: 'updated_at', type: 'bigint', isNullable: false },
        ],
        // Members are never deleted (deactivated instead), so history always has its people.
        foreignKeys: [
          { columnNames: ['user_id'], referencedTableName: 'users', referencedColumnNames: ['id'], onDelete: 'RESTRICT' },
          { columnNames: ['branch_id'], referencedTableName: 'branches', referencedColumnNames: ['id'], onDelete: 'RESTRICT' },
        ],
        indices: [
          { name: 'ux_members_user', columnNames: ['user_id'], isUnique: true },
          { name: 'ux_members_identifier', columnNames: ['identifier'], isUnique: true },
          { name: 'ix_members_branch', columnNames: ['branch_id', 'active'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'memberships',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'member_id', type: 'varchar', length: '36', isNullable: false },
          { name: 'branch_id', type: 'varchar', length: '36', isNullable: false },
          { name: 'from_at', type: 'bigint', isNullable: false },
          // Null while the period lasts.
          { name: 'to_at', type: 'bigint', isNullable: true },
        ],
        foreignKeys: [
          { columnNames: ['member_id'], referencedTableName: 'members', referencedColumnNames: ['id'], onDelete: 'RESTRICT' },
          { columnNames: ['branch_id'], referencedTableName: 'branches', referencedColumnNames: ['id'], onDelete: 'RESTRICT' },
        ],
        indices: [
          { name: 'ix_memberships_member', columnNames: ['member_id', 'from_at'] },
          { name: 'ix_memberships_branch', columnNames: ['branch_id'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'results',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          // 'contest' | 'practice' | 'stage' | 'match'
          { name: 'source', type: 'varchar', length: '16', isNullable: false },
          { name: 'source_id', type: 'varchar', length: '64', isNullable: false },
          { name: 'user_id', type: 'varchar', length: '36', isNullable: false },
          // Copied at write time (null for a user who is not a member): a later move or
          // deactivation never rewrites where earlier points went.
          { name: 'member_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'branch_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'points', type: 'integer', isNullable: false },
          { name: 'answered', type: 'integer', isNullable: false },
          { name: 'correct', type: 'integer', isNullable: false },
          { name: 'occurred_at', type: 'bigint', isNullable: false },
        ],
        // No foreign keys: results are evidence and bulk-written; they must outlive anything.
        indices: [
          // One row per activity and user: recording a contest twice writes nothing the second time.
          // Also serves the one-contest window (source, source_id prefix).
          { name: 'ux_results_source_user', columnNames: ['source', 'source_id', 'user_id'], isUnique: true },
          // Window rankings: a range on occurred_at, grouped by member and branch, read from the
          // index alone (it carries every column the aggregate needs).
          { name: 'ix_results_window', columnNames: ['occurred_at', 'member_id', 'branch_id', 'points', 'answered', 'correct'] },
          // A member's or a branch's own history (profile pages, the annual report).
          { name: 'ix_results_member', columnNames: ['member_id', 'occurred_at'] },
          { name: 'ix_results_branch', columnNames: ['branch_id', 'occurred_at'] },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['results', 'memberships', 'members', 'branches', 'organisations']) await q.dropTable(table);
  }
}
