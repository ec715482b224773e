// Placeholder: stage contests, their teams and the append-only audit log. QueryRunner Table API only, so SQLite and PostgreSQL get the same tables.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Stage1764700000000 implements MigrationInterface {
  name = 'Stage1764700000000';

  async up(_q: QueryRunner): Promise<void> {}

  async down(_q: QueryRunner): Promise<void> {}
}
